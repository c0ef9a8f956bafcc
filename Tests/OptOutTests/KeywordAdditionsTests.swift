import OptOut
import Testing

@Suite("Keywords from settings: they only add, and a colliding word is refused")
struct KeywordAdditionsTests {
    @Test("an added opt-out word opts out; the built-in ones still do")
    func added() throws {
        let book = try KeywordBook.builtin.adding([.es: KeywordAdditions(optOut: ["NO MOLESTAR"], help: ["INFORMACIÓN"])])
        let classifier = KeywordClassifier(book: book)
        #expect(classifier.classify("no molestar").intent == .optOut)
        #expect(classifier.classify("Información").intent == .help)
        #expect(classifier.classify("ALTO").intent == .optOut)
        #expect(classifier.classify("STOP").intent == .optOut)
    }

    @Test("another language can be added", arguments: ["ARRÊT", "arret"])
    func otherLanguage(_ text: String) throws {
        let book = try KeywordBook.builtin.adding([LanguageCode(rawValue: "fr")!: KeywordAdditions(optOut: ["ARRÊT"])])
        let c = KeywordClassifier(book: book).classify(text)
        #expect(c.intent == .optOut)
        #expect(c.language?.rawValue == "fr")
    }

    @Test("an opt-in or help word that is a reminder reply is refused, naming the setting",
          arguments: [("SÍ", InboundIntent.optIn), ("si", .optIn), ("C", .help), ("CAMBIAR", .optIn)])
    func reminderCollision(_ word: String, _ intent: InboundIntent) {
        let additions = intent == .optIn ? KeywordAdditions(optIn: [word]) : KeywordAdditions(help: [word])
        do {
            _ = try KeywordBook.builtin.adding([.es: additions])
            Issue.record("\(word) was accepted as \(intent)")
        } catch {
            #expect(error.place == "keywords.es.\(intent == .optIn ? "opt_in" : "help")")
            #expect(error.problem.contains("reminder"))
            #expect(error.fix.contains("remove"))
        }
    }

    @Test("an opt-in or help word that is an opt-out word is refused", arguments: ["ALTO", "stop", "Baja", "CANCELAR"])
    func optOutCollision(_ word: String) {
        #expect(throws: KeywordError.self) { try KeywordBook.builtin.adding([.es: KeywordAdditions(optIn: [word])]) }
        #expect(throws: KeywordError.self) { try KeywordBook.builtin.adding([.en: KeywordAdditions(help: [word])]) }
    }

    @Test("an opt-out word that confirms a reminder or opts in is refused", arguments: ["C", "SI", "INICIO", "HELP"])
    func optOutThatDoesSomethingElse(_ word: String) {
        #expect(throws: KeywordError.self) { try KeywordBook.builtin.adding([.es: KeywordAdditions(optOut: [word])]) }
    }

    @Test("the setting is read from YAML-shaped values, and a wrong shape names its key")
    func parseSetting() throws {
        let parsed = try KeywordAdditions.parse(setting: ["es": ["opt_out": ["NO MÁS"], "help": "INFO ES"]])
        #expect(parsed[.es] == KeywordAdditions(optOut: ["NO MÁS"], help: ["INFO ES"]))
        #expect(throws: KeywordError(place: "keywords.es.opt_outs", problem: "unknown key `opt_outs`", fix: "use `opt_out`, `opt_in` or `help`")) {
            try KeywordAdditions.parse(setting: ["es": ["opt_outs": ["X"]]])
        }
        #expect(throws: KeywordError.self) { try KeywordAdditions.parse(setting: ["español": ["opt_out": ["X"]]]) }
        #expect(throws: KeywordError.self) { try KeywordAdditions.parse(setting: ["es": ["opt_out": [1]]]) }
        #expect(throws: KeywordError.self) { try KeywordAdditions.parse(setting: ["ALTO"]) }
    }

    @Test("a settings mapping is added in one step, and a colliding word in it is refused")
    func addingSetting() throws {
        let book = try KeywordBook.builtin.adding(setting: ["es": ["opt_out": ["NO MOLESTAR"]]] as [String: Any])
        #expect(KeywordClassifier(book: book).classify("No molestar!").intent == .optOut)
        #expect(throws: KeywordError.self) { try KeywordBook.builtin.adding(setting: ["es": ["opt_in": ["SÍ"]]] as [String: Any]) }
    }
}
