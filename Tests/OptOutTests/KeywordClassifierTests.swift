import OptOut
import Testing

@Suite("KeywordClassifier: reserved keywords")
struct KeywordClassifierTests {
    let classifier = KeywordClassifier()

    static let optOut = ["STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"]
    static let optIn = ["START", "YES", "UNSTOP"]
    static let help = ["HELP", "INFO"]

    @Test("every English opt-out keyword opts out, with itself as the trigger", arguments: optOut)
    func optOutKeywords(_ keyword: String) {
        #expect(classifier.classify(keyword) == InboundClassification(intent: .optOut, trigger: keyword, language: .en))
        #expect(classifier.classify(keyword).revokesConsent)
    }

    @Test("every opt-in keyword opts in", arguments: optIn)
    func optInKeywords(_ keyword: String) {
        #expect(classifier.classify(keyword) == InboundClassification(intent: .optIn, trigger: keyword, language: .en))
        #expect(!classifier.classify(keyword).revokesConsent)
    }

    @Test("every help keyword asks for help", arguments: help)
    func helpKeywords(_ keyword: String) {
        #expect(classifier.classify(keyword) == InboundClassification(intent: .help, trigger: keyword, language: .en))
    }

    @Test("the built-in English lists are exactly the industry keywords")
    func listsComplete() throws {
        let english = try #require(KeywordBook.builtin.sets.first { $0.language == .en })
        #expect(Set(Self.optOut).isSubset(of: Set(english.optOut)))
        #expect(Set(english.optIn) == Set(Self.optIn))
        #expect(Set(english.help) == Set(Self.help))
    }

    @Test("case does not matter", arguments: ["stop", "Stop", "sToP", "opt out", "Opt Out", "stop all", "unstop", "Help", "info"])
    func caseInsensitive(_ text: String) {
        #expect(classifier.classify(text).intent != .message, "\(text)")
        #expect(classifier.classify(text).trigger == text.uppercased())
    }

    @Test("a keyword typed in full-width, mathematical or circled letters is that keyword",
          arguments: [("ＳＴＯＰ", "STOP"), ("ｓｔｏｐ", "STOP"), ("𝐒𝐓𝐎𝐏", "STOP"), ("ＡＬＴＯ", "ALTO"), ("Ⓢⓣⓞⓟ", "STOP"),
                      ("ＳＴＡＲＴ", "START")])
    func compatibilityForms(_ text: String, keyword: String) {
        #expect(classifier.classify(text).trigger == keyword, "\(text)")
        #expect(classifier.classify(text).intent == (keyword == "START" ? .optIn : .optOut), "\(text)")
    }

    @Test("surrounding white space, inner runs of white space and trailing punctuation are ignored",
          arguments: ["  STOP  ", "\tstop\n", "STOP.", "stop!", "Stop!!!", "STOP?", "stop;", "Opt   out.", "opt\tout", "STOP  ALL!", "\"STOP\"", "“stop”", "(stop)", "stop ."])
    func whitespaceAndPunctuation(_ text: String) {
        #expect(classifier.classify(text).intent == .optOut, "\(text)")
    }

    @Test("OPT-OUT is an opt-out keyword as well")
    func hyphenated() {
        #expect(classifier.classify("opt-out").intent == .optOut)
    }

    @Test("a keyword inside a longer text is not the keyword",
          arguments: ["STOP IT NOW PLEASE OK", "end of the day works", "yes please, Tuesday at 3", "Yes I can come Tuesday", "info about parking?", "help me find the office"])
    func keywordInSentence(_ text: String) {
        #expect(classifier.classify(text).intent == .message, "\(text)")
        #expect(classifier.classify(text).trigger == nil, "\(text)")
    }

    @Test("punctuation inside a keyword is not ignored: S.T.O.P and ST OP are messages")
    func innerPunctuation() {
        #expect(classifier.classify("S.T.O.P").intent == .message)
        #expect(classifier.classify("ST OP").intent == .message)
    }

    @Test("an empty or punctuation-only text is an ordinary message", arguments: ["", "   ", "?!", "..."])
    func empty(_ text: String) {
        #expect(classifier.classify(text) == InboundClassification(intent: .message, trigger: nil, language: nil))
    }
}
