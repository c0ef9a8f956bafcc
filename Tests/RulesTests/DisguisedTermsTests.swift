import Testing
import Rules

@Suite("Every disguise of every cannabis term is caught where it is written")
struct DisguisedTermsTests {
    static func terms() throws -> [String] {
        let rule = try #require(try Package.defaultRules().rules.first { $0.id == "cannabis" })
        guard case .terms(let terms, _) = rule.kind else { Issue.record("cannabis is a terms rule"); return [] }
        return terms
    }

    /// Whether `rules` flags `written` in a sentence, at the place it is written.
    func expectCaught(_ written: String, _ label: String) throws {
        let rules = try Package.defaultRules()
        let text = "Ask about \(written) today."
        let hits = rules.findings(text, rule: "cannabis")
        guard let hit = hits.first else {
            Issue.record("\(label): \"\(written)\" is not caught")
            return
        }
        #expect(hit.start == 10, "\(label): \(written)")
        // The match is the written term, less any invisible character after its last letter.
        #expect(written.unicodeScalars.starts(with: hit.match.unicodeScalars)
                && hit.match.unicodeScalars.count >= written.unicodeScalars.count - 1,
                "\(label): matched \"\(hit.match)\" of \"\(written)\"")
        #expect(hit.end == hit.start + hit.match.unicodeScalars.count)
    }

    @Test("letter disguises: styled, look-alike, marked and invisible", arguments: Disguises.letterwise.indices)
    func letterwise(index: Int) throws {
        let disguise = Disguises.letterwise[index]
        for term in try DisguisedTermsTests.terms() {
            try expectCaught(Disguises.apply(disguise, to: term), disguise.name)
        }
    }

    @Test("digits and symbols for letters: the vowels, one letter, or a mix of a few")
    func standIns() throws {
        for term in try DisguisedTermsTests.terms() where term.count >= 3 && term.allSatisfy(\.isLetter) {
            if let vowels = Disguises.vowelDigits(term) { try expectCaught(vowels, "vowels as digits") }
            for one in Disguises.oneStandIn(term) { try expectCaught(one, "one stand-in") }
            for mixed in Disguises.mixedStandIns(term) { try expectCaught(mixed, "mixed stand-ins") }
        }
        try expectCaught("$ativa strain", "a symbol first")
        try expectCaught("c@nn@bis", "symbols inside")
    }

    @Test("a separator between every letter", arguments: Disguises.separators)
    func separated(separator: String) throws {
        for term in try DisguisedTermsTests.terms() where term.count >= 3 && term.count <= 12 && term.allSatisfy(\.isLetter) {
            try expectCaught(term.map(String.init).joined(separator: separator), "separator \"\(separator)\"")
            try expectCaught(term.uppercased().map(String.init).joined(separator: separator), "separator \"\(separator)\"")
        }
    }

    @Test("a term with an emoji right after it, or before it, is a word of its own")
    func gluedToEmoji() throws {
        let rules = try Package.defaultRules()
        for text in ["Get CBD\u{1F33F}gummies today", "\u{1F525}weed\u{1F525} delivery", "marijuana\u{1F4A8}\u{1F4A8} in stock"] {
            #expect(!rules.findings(text, rule: "cannabis").isEmpty, "\(text)")
        }
    }

    @Test("letters written apart with symbols for some of them, two symbols in a row among them")
    func separatedWithSymbols() throws {
        // No two plain letters stand within three bytes here: the symbols are letters of the run too.
        try expectCaught("h @ $ h ! $ h", "symbols between letters written apart")
        try expectCaught("H @ $ H ! $ H", "symbols between capitals written apart")
    }

    @Test("a term's separator at its edge stays in its written-apart reading: `/pill` is not `pill`")
    func edgeSeparator() throws {
        let rules = try Package.defaultRules()
        // rx-offer pairs a drug with `/pill` (a price per pill); the bare word is care.
        #expect(rules.findings("Bring your oxycodone bottle for the pill count at your visit.", rule: "rx-offer").isEmpty)
        #expect(!rules.findings("Oxycodone 30mg, $12/pill, text me.", rule: "rx-offer").isEmpty)
    }

    @Test("times, prices, phone numbers, years and ordinary words never trigger", arguments: [
        "Your visit is at 10:30 or 4:20 PM.", "The copay is $45, or $4.20 with the coupon.",
        "Call (201) 555-0100 or 201.555.0100.", "Born 1984; seen 2024-05-06.", "Room 7B, suite 420.",
        "Take 1 tablet 3 times a day for 7 days.", "The modern clinic is open.", "Feliz año nuevo, señor Núñez.",
        "Bring your ID and insurance card.", "We tested 5 samples: all clear.", "Use SPF 30+ sunscreen daily.",
        "C is for cookie, B is for ball.", "A B C D E F G practice sheet", "the 2nd and 3rd visits",
    ])
    func controls(text: String) throws {
        #expect(try Package.defaultRules().findings(text, category: "cannabis").isEmpty, "\(text)")
    }

    @Test("a symbol after a term's own digits, and @ standing alone for a word, are read as letters")
    func symbolsBesideDigitsAndAlone() throws {
        let rules = try Package.defaultRules()
        #expect(rules.findings("Update: over 18$ only today.", rule: "premium-service").map(\.match) == ["over 18$ only"])
        #expect(rules.findings("Update: you won @ today.", rule: "sweepstakes").map(\.match) == ["you won @"])
        // A price written after its digits, or @ for "at", is no term.
        for text in ["Your copay is 18$ today.", "See you @ 5 pm at the clinic.", "Email us @ the front desk.", "@ 10:30 tomorrow"] {
            #expect(rules.check(text).findings.isEmpty, "\(text)")
        }
    }

    @Test("a stand-in term next to a letter is still one word: it does not match inside another")
    func standInBoundaries() throws {
        let rules = try Package.defaultRules()
        #expect(rules.findings("Try x$ativa or w33dy", rule: "cannabis").isEmpty)
        #expect(rules.findings("Try w33d!", rule: "cannabis").map(\.match) == ["w33d"])
    }
}
