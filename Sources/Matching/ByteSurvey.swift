/// A small automaton over each byte's kind, run beside the literals in the same pass: the scan
/// reports which of its flags any transition, or the text's end, raised (`ByteCounts.survey`).
///
/// Its caller decides what it looks for (neighbouring kinds of byte, short words close
/// together); a scan that carries it costs a table look-up a byte more, off the literal
/// automaton's chain of look-ups, instead of a pass of its own.
public struct ByteSurvey: Sendable {
    /// Kinds (0 to 15) per byte.
    let kinds: [UInt8]
    /// For state `s` and kind `k`, at `s * 16 + k`: the next state times 16 in the bits of
    /// `stateMask`, and the flags raised in the bits from `flagShift` up.
    let table: [UInt16]
    /// Flags raised when the text ends in each state.
    let final: [UInt8]

    /// The most states a survey may have.
    public static let maxStates = 128

    /// Where a `table` entry's flags begin: above the next state times 16.
    @inline(__always) static var flagShift: UInt16 { 11 }
    /// The bits of a `table` entry that hold the next state times 16.
    @inline(__always) static var stateMask: UInt16 { (1 << flagShift) - 1 }

    /// A survey: `kinds` (256 entries, each below 16); `next(state, kind)` the next state
    /// (below `maxStates`) and the flags (5 bits) raised on the way; `final(state)` the flags
    /// raised when a text ends in `state`. State 0 starts every text.
    public init(kinds: [UInt8], states: Int, next: (Int, UInt8) -> (state: Int, flags: UInt8), final: (Int) -> UInt8) {
        precondition(kinds.count == 256 && kinds.allSatisfy { $0 < 16 }, "a kind below 16 for each byte")
        precondition(states > 0 && states <= ByteSurvey.maxStates, "1 to \(ByteSurvey.maxStates) states")
        self.kinds = kinds
        var table = [UInt16](repeating: 0, count: states * 16)
        for s in 0..<states {
            for k in 0..<16 {
                let (to, flags) = next(s, UInt8(k))
                precondition(to >= 0 && to < states && flags < 32, "a state below \(states) and five flags")
                table[s * 16 + k] = UInt16(to * 16) | UInt16(flags) << ByteSurvey.flagShift
            }
        }
        self.table = table
        self.final = (0..<states).map(final)
    }

    /// The survey that raises nothing: one state, every byte of kind 0.
    public static let none = ByteSurvey(kinds: [UInt8](repeating: 0, count: 256), states: 1, next: { _, _ in (0, 0) }, final: { _ in 0 })

    /// The flags of a walk that has raised `raised` (entries or-ed) and stands in `state` (times 16).
    @inline(__always)
    func flags(raised: UInt16, state: Int) -> UInt8 { UInt8(truncatingIfNeeded: raised >> ByteSurvey.flagShift) | final[state >> 4] }
}
