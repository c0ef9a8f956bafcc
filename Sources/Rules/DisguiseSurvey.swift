import Matching

/// What the scan of a message tells about its disguises, so that most messages need no view:
/// whether a stand-in touches a letter, and whether two single letters stand one to three bytes
/// apart (every run of letters written apart begins so).
///
/// The literal automaton's scan finds it in the same pass (`automaton`, a `ByteSurvey`): each
/// byte's `StandIns.Kind` and `Part` drive a state of the previous byte's kind and where the last
/// single letter is, and each step raises `StandIns.touching` flags and the pair flag.
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Whether two single letters stand one to three bytes apart (`c b`, `t & c`, `c @ $ h`):
    /// then the text may hold letters written apart, and `Separators.mayHaveRun` settles it.
    let pair: Bool

    /// The survey of a message from its scan's counts.
    init(_ counts: ByteCounts) {
        standIns = counts.survey & 7
        pair = counts.survey & DisguiseSurvey.pairFlag != 0
    }

    /// The flag raised for a pair; the `StandIns.touching` flags are the three below it.
    static let pairFlag: UInt8 = 8

    /// What a byte is to letters written apart, as `Separators.runs` reads them: a byte of a
    /// word (an apostrophe joins, so `I'm` is one word), a UTF-8 continuation byte (of the same
    /// character as the byte before), a symbol (a letter of its own, `$`), or neither (a
    /// separator, white space, a control).
    enum Part: CaseIterable {
        case word, continuation, symbol, gap

        init(_ b: UInt8) {
            self = b >= 0x80 && b < 0xC0 ? .continuation
                : Separators.isWordPart(b) ? .word : Separators.isSymbol(b) ? .symbol : .gap
        }
    }

    /// Where the last single letter is: the states of the pair search. A letter is a token
    /// (a run of word bytes, or one symbol) that is single: a word of one character (`c`, `é`),
    /// or any symbol. A pair is two single tokens with one to three gap bytes between, as the
    /// first two letters of every run are.
    enum Spacing: Int, CaseIterable {
        /// No single letter within reach.
        case none
        /// In a word's first byte, no single letter one to three bytes before.
        case first
        /// In a word's first byte, a single letter one to three bytes before: a pair if the
        /// word ends here.
        case second
        /// In a word past its first byte.
        case longer
        /// Just past a symbol.
        case symbol
        /// One, two or three gap bytes past a single letter.
        case gap1, gap2, gap3

        /// The state after a byte of `part`, and whether it completed a pair.
        func next(_ part: Part) -> (Spacing, pair: Bool) {
            switch (self, part) {
            // A continuation byte stays in its character: a word of one character is single.
            case (.first, .continuation), (.second, .continuation), (.longer, .continuation): return (self, false)
            // Elsewhere it is no valid UTF-8, which is never checked as it is; read as a word byte.
            case (_, .continuation): return next(.word)
            case (.first, .word), (.second, .word), (.longer, .word): return (.longer, false)
            case (_, .word): return (self == .gap1 || self == .gap2 || self == .gap3 ? .second : .first, false)
            // A symbol is a single letter; after a gap it completes a pair, as it completes the
            // single word before it (`a$` ends `a`), which may have made one.
            case (.gap1, .symbol), (.gap2, .symbol), (.gap3, .symbol), (.second, .symbol): return (.symbol, true)
            case (_, .symbol): return (.symbol, false)
            case (.second, .gap): return (.gap1, true)
            case (.first, .gap), (.symbol, .gap): return (.gap1, false)
            case (.gap1, .gap): return (.gap2, false)
            case (.gap2, .gap): return (.gap3, false)
            case (.none, .gap), (.longer, .gap), (.gap3, .gap): return (.none, false)
            }
        }
    }

    /// The survey's input for each byte: an index into `inputs`, its kind and part.
    private static let inputs: [(kind: UInt8, part: Part)] = {
        var seen: [(kind: UInt8, part: Part)] = []
        for b in 0..<256 {
            let input = (kind: StandIns.kind[b], part: Part(UInt8(b)))
            if !seen.contains(where: { $0.kind == input.kind && $0.part == input.part }) { seen.append(input) }
        }
        return seen
    }()

    /// The survey the literal automaton runs: a state for each spacing and previous byte's kind.
    static let automaton: ByteSurvey = {
        let inputs = DisguiseSurvey.inputs
        let codes = (0..<256).map { b in
            UInt8(inputs.firstIndex { $0.kind == StandIns.kind[b] && $0.part == Part(UInt8(b)) }!)
        }
        let kindCount = StandIns.Kind.allCases.count
        return ByteSurvey(kinds: codes, states: Spacing.allCases.count * kindCount, next: { state, code in
            let spacing = Spacing(rawValue: state / kindCount)!, previous = state % kindCount
            // Codes past the inputs never occur; any state will do.
            guard Int(code) < inputs.count else { return (0, 0) }
            let (kind, part) = inputs[Int(code)]
            let (after, pair) = spacing.next(part)
            let touching = StandIns.touching[previous << 4 | Int(kind)]
            return (after.rawValue * kindCount + Int(kind), touching | (pair ? pairFlag : 0))
        }, final: { state in
            // The text may end with the second letter.
            state / kindCount == Spacing.second.rawValue ? pairFlag : 0
        })
    }()
}
