import OptOut
import Testing

@Suite("Revocation patterns and text folding")
struct PhrasePatternTests {
    @Test("folding drops case, accents (not ñ), punctuation, ¡ ¿ and emoji")
    func fold() {
        #expect(MatchText.fold("¡ALTO! 🛑") == "alto")
        #expect(MatchText.fold("Ya no me envíen más") == "ya no me envien mas")
        #expect(MatchText.fold("MAÑANA") == "mañana")
        #expect(MatchText.fold("OPT-OUT") == "opt out")
        #expect(MatchText.fold("Don’t") == "don't")
        #expect(MatchText("Alto. ¿Qué pasa?").clauses == [["alto"], ["que", "pasa"]])
        #expect(MatchText("Alto, ya no", breakingAtCommas: true).clauses == [["alto"], ["ya", "no"]])
    }

    @Test("invisible characters inside a keyword do not hide it", arguments: ["S\u{200B}TOP", "AL\u{00AD}TO", "ST\u{FE0F}OP"])
    func invisible(_ text: String) {
        #expect(KeywordClassifier().classify(text).intent == .optOut)
    }

    @Test("patterns parse into steps")
    func parse() throws {
        let p = try PhrasePattern(parsing: "no me? {send_now} ..2 mensaj*|sms $", at: "test")
        #expect(p.steps == [.word([.word("no")], optional: false), .word([.word("me")], optional: true),
                            .word([.wordClass("send_now")], optional: false), .fillers(2),
                            .word([.prefix("mensaj"), .word("sms")], optional: false), .end])
    }

    @Test("a pattern with nothing required, an accented word or a bad gap is refused",
          arguments: ["me? ..2", "envíen", "..9 stop", "{bad class}"])
    func refused(_ source: String) {
        #expect(throws: KeywordError.self) { try PhrasePattern(parsing: source, at: "test") }
    }

    @Test("a pattern naming an undefined class is refused when the book is made")
    func undefinedClass() throws {
        let pattern = try PhrasePattern(parsing: "stop {nowhere}", at: "test")
        #expect(throws: KeywordError.self) {
            try KeywordBook(sets: [KeywordSet(language: .en, optOut: ["STOP"], optIn: [], help: [], revocation: [pattern])])
        }
    }

    @Test("a cancel reply that is not an opt-out word, or a word in two lists, is refused")
    func inconsistentSets() {
        #expect(throws: KeywordError.self) { try KeywordBook(sets: [KeywordSet(language: .es, optOut: ["ALTO"], optIn: [], help: [], cancel: ["ANULAR"])]) }
        #expect(throws: KeywordError.self) { try KeywordBook(sets: [KeywordSet(language: .es, optOut: ["ALTO"], optIn: ["ALTO"], help: [])]) }
        #expect(throws: KeywordError.self) { try KeywordBook(sets: [KeywordSet(language: .es, optOut: ["SI"], optIn: [], help: [], confirm: ["SÍ"])]) }
    }
}
