import Matching

/// What the scan of a message tells about its disguises, so that most messages need no view:
/// whether a stand-in touches a letter, and whether two one-byte words stand one to three bytes
/// apart (a run of letters written apart has two such).
///
/// The literal automaton's scan finds it in the same pass (`automaton`, a `ByteSurvey`): each
/// byte's `StandIns.Kind` and word bit drive a state of the previous byte's kind and how far
/// the last one-byte word is, and each step raises `StandIns.touching` flags and the pair flag.
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Whether two one-byte words stand one to three bytes apart (`c b`, `t & c`): then the
    /// text may hold letters written apart, and `Separators.mayHaveRun` settles it.
    let pair: Bool

    /// The survey of a message from its scan's counts.
    init(_ counts: ByteCounts) {
        standIns = counts.survey & 7
        pair = counts.survey & DisguiseSurvey.pairFlag != 0
    }

    /// The flag raised for a pair; the `StandIns.touching` flags are the three below it.
    static let pairFlag: UInt8 = 8

    /// Where the last one-byte word is: the states of the pair search.
    private enum Spacing: Int, CaseIterable {
        /// Not after a one-byte word.
        case none
        /// In a word's first byte, not after a one-byte word.
        case first
        /// In a word past its first byte.
        case longer
        /// One, two or three bytes past a one-byte word.
        case gap1, gap2, gap3
        /// In a word's first byte, one to three bytes after a one-byte word: the pair is
        /// complete if the word ends here.
        case second

        /// The state after a byte that is (`word`) or is not a word's.
        func next(_ word: Bool) -> (Spacing, pair: Bool) {
            switch self {
            case .none: return (word ? .first : .none, false)
            case .first: return (word ? .longer : .gap1, false)
            case .longer: return (word ? .longer : .none, false)
            case .gap1: return (word ? .second : .gap2, false)
            case .gap2: return (word ? .second : .gap3, false)
            case .gap3: return (word ? .second : .none, false)
            case .second: return (word ? .longer : .gap1, !word)
            }
        }
    }

    /// The survey the literal automaton runs: a state for each spacing and previous byte's kind.
    static let automaton: ByteSurvey = {
        let kinds = StandIns.kind.map { k in (k & 15) | (k & 16 != 0 ? 8 : 0) }
        let kindCount = StandIns.Kind.allCases.count
        return ByteSurvey(kinds: kinds, states: Spacing.allCases.count * kindCount, next: { state, input in
            let spacing = Spacing(rawValue: state / kindCount)!, previous = state % kindCount
            let kind = Int(input & 7), word = input & 8 != 0
            let (after, pair) = spacing.next(word)
            let touching = StandIns.touching[previous << 4 | kind]
            return (after.rawValue * kindCount + kind, touching | (pair ? pairFlag : 0))
        }, final: { state in
            // The text may end with the second word.
            state / kindCount == Spacing.second.rawValue ? pairFlag : 0
        })
    }()
}
