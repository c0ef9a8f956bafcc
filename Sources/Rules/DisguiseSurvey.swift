import Matching

/// What the scan of a message tells about its disguises, so that most messages need no view:
/// whether a stand-in touches a letter, and whether three single letters stand in a row, one to
/// three bytes apart (every run of letters written apart begins so).
///
/// The literal automaton's scan finds it in the same pass (`automaton`, a `ByteSurvey`): each
/// byte's `StandIns.Kind` and `Part` drive a state of the previous byte's kind and where the last
/// single letters are, and each step raises `StandIns.touching` flags and the triple flag.
struct DisguiseSurvey {
    /// `StandIns.touching` flags of every two neighbouring bytes, or-ed.
    let standIns: UInt8
    /// Whether three single letters stand in a row, one to three bytes apart (`c b d`, `t & c`,
    /// `c @ $ h`): then the text may hold letters written apart, and `Separators.mayHaveRun`
    /// settles it. Two are not enough to look (`I m`, `u r` are common); a run takes three.
    let triple: Bool

    /// The survey of a message from its scan's counts.
    init(_ counts: ByteCounts) {
        standIns = counts.survey & 7
        triple = counts.survey & DisguiseSurvey.tripleFlag != 0
    }

    /// The flag raised for a triple; the `StandIns.touching` flags are the three below it.
    static let tripleFlag: UInt8 = 8

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

    /// Where the last single letters are: the states of the triple search. A letter is a token
    /// (a run of word bytes, or one symbol) that is single: a word of one character (`c`, `é`),
    /// or any symbol. A chain is single tokens in a row with one to three gap bytes between each
    /// two; the states count it as one, or two or more, letters long, and a letter that makes it
    /// three raises the flag.
    enum Spacing: Int, CaseIterable {
        /// No single letter within reach.
        case none
        /// In a word's first byte, no single letter one to three bytes before.
        case first
        /// In a word's first byte, after a chain of one or of two or more: if the word ends
        /// here, it makes the chain two, or three or more.
        case second1, second2
        /// In a word past its first byte.
        case longer
        /// Just past a symbol that ends a chain of one, or of two or more.
        case symbol1, symbol2
        /// One, two or three gap bytes past a chain of one.
        case gap1, gap2, gap3
        /// One, two or three gap bytes past a chain of two or more.
        case gap1Long, gap2Long, gap3Long

        /// The state after a byte of `part`, and whether it made a chain three letters long.
        func next(_ part: Part) -> (Spacing, triple: Bool) {
            switch (self, part) {
            // A continuation byte stays in its character: a word of one character is single.
            case (.first, .continuation), (.second1, .continuation), (.second2, .continuation), (.longer, .continuation):
                return (self, false)
            // Elsewhere it is no valid UTF-8, which is never checked as it is; read as a word byte.
            case (_, .continuation): return next(.word)
            case (.first, .word), (.second1, .word), (.second2, .word), (.longer, .word): return (.longer, false)
            case (.gap1, .word), (.gap2, .word), (.gap3, .word): return (.second1, false)
            case (.gap1Long, .word), (.gap2Long, .word), (.gap3Long, .word): return (.second2, false)
            case (_, .word): return (.first, false)
            // A symbol is a single letter; after a gap it lengthens the chain. Right after a
            // single word it ends that word, which may have lengthened the chain before it, and
            // starts a chain of its own (no gap between them: `a$` is not two letters apart).
            case (.gap1, .symbol), (.gap2, .symbol), (.gap3, .symbol): return (.symbol2, false)
            case (.gap1Long, .symbol), (.gap2Long, .symbol), (.gap3Long, .symbol): return (.symbol2, true)
            case (.second2, .symbol): return (.symbol1, true)
            case (_, .symbol): return (.symbol1, false)
            // A gap after a single word: the word lengthened the chain before it, or began one.
            case (.second1, .gap): return (.gap1Long, false)
            case (.second2, .gap): return (.gap1Long, true)
            case (.first, .gap), (.symbol1, .gap): return (.gap1, false)
            case (.symbol2, .gap): return (.gap1Long, false)
            case (.gap1, .gap): return (.gap2, false)
            case (.gap2, .gap): return (.gap3, false)
            case (.gap1Long, .gap): return (.gap2Long, false)
            case (.gap2Long, .gap): return (.gap3Long, false)
            case (.none, .gap), (.longer, .gap), (.gap3, .gap), (.gap3Long, .gap): return (.none, false)
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
            let (after, triple) = spacing.next(part)
            let touching = StandIns.touching[previous << 4 | Int(kind)]
            return (after.rawValue * kindCount + Int(kind), touching | (triple ? tripleFlag : 0))
        }, final: { state in
            // The text may end with the third letter.
            state / kindCount == Spacing.second2.rawValue ? tripleFlag : 0
        })
    }()
}
