import Testing
@testable import Rules

@Suite("Pattern rules tried only where their prefilter words start")
struct PatternAnchoringTests {
    let scratch = Scratch("textgate-pattern-anchoring")

    @Test("a regex is anchored only when each of its leading words begins with a prefilter literal")
    func eligibility() {
        #expect(Ruleset.startsAtPrefilter(#"\breply\s+stop"#, ["reply"]))
        #expect(Ruleset.startsAtPrefilter(#"\breply\s+stop"#, ["Rep"]))
        #expect(Ruleset.startsAtPrefilter(#"\b(?:reply|text)\s+stop"#, ["reply", "text"]))
        #expect(!Ruleset.startsAtPrefilter(#"\breply\s+stop"#, ["ply"]), "ply starts inside the word")
        #expect(!Ruleset.startsAtPrefilter(#"\b(?:reply|text)\s+stop"#, ["reply"]), "text has no prefilter")
        #expect(!Ruleset.startsAtPrefilter(#"\breply\s+stop"#, []), "no prefilter: the regex runs everywhere")
        #expect(!Ruleset.startsAtPrefilter(#"\b\d+%\s?off"#, ["%"]), "the match starts before the literal")
    }

    @Test("default rules: the reply keywords are tried where their words start, discounts and charges where a number or sign does")
    func defaultRules() throws {
        let rules = try Package.defaultRules()
        func gates(_ id: String) throws -> [PatternGate] {
            let index = try #require(rules.rules.firstIndex { $0.id == id })
            return rules.patternGates.filter { $0.rule == index }
        }
        func regexes(_ id: String) throws -> (search: Int, anchored: Int) {
            let gates = try gates(id)
            return (gates.map(\.search.count).reduce(0, +), gates.map(\.anchored.count).reduce(0, +))
        }
        #expect(try regexes("reserved-keyword-reply") == (0, 1))
        #expect(try regexes("short-code-keyword") == (0, 1), "its English and Spanish patterns are anchored, and joined")
        // `$… off` begins with a prefilter literal; `save …` and `ahorre …` with words that are
        // not (`%`, `$`): they are tried where those words start, once a prefilter literal has occurred.
        let discount = try gates("percent-off")
        #expect(discount.map(\.search.count) == [0, 0])
        #expect(discount.map(\.atNumbers.count) == [1, 0], "its patterns that open with a number, joined")
        #expect(discount.map(\.anchored.count) == [1, 1])
        #expect(discount[1].requires == rules.patternGates.firstIndex { $0.rule == discount[0].rule })
        // A charge in pence, or a price per piece of content in euros, starts where its number
        // does: tried only at the starts of digit runs.
        let charge = try gates("premium-charge")
        #expect(charge.map(\.atNumbers.count).reduce(0, +) == 6)
        #expect(charge.map(\.search.count).reduce(0, +) == 0, "those that open with a currency sign are tried where one is")
    }

    @Test("a regex anchored on its own leading words runs on the texts its rule's prefilter opens, and finds what a search finds")
    func ownLeadingWords() throws {
        let rule = """
        category: promotional
        severity: warning
        message: A discount.
        rationale: Carriers filter offers.
        kind: pattern
        prefilter: ["%"]
        patterns:
          - '\\b\\d+%\\s?off\\b'
          - '\\bsave\\s+\\d+%|\\b(?:today|now)\\s+only\\b'
        examples:
          flag: ["Save 20% on frames"]
          pass: ["Save the date"]
        """
        let rules = try Ruleset.load(directory: scratch.directory(holding: "discount.yml", rule))
        #expect(rules.patternGates.map(\.atNumbers.count) == [1, 0])
        #expect(rules.patternGates.map(\.anchored.count) == [0, 1])
        #expect(rules.patternGates[1].requires == 0)
        #expect(rules.findings("Save 20% and save 30% today", rule: "discount").map(\.match) == ["Save 20%", "save 30%"])
        #expect(rules.findings("20% off, today only", rule: "discount").map(\.match) == ["20% off", "today only"])
        // No `%`: the rule's patterns do not run, as before they had gates of their own.
        #expect(rules.findings("Today only: save the date", rule: "discount").isEmpty)
    }

    @Test("an anchored rule finds its match after an earlier use of the same word", arguments: [
        ("Text us any time. Reply CANCEL to cancel your visit.", ["Reply CANCEL"]),
        ("Reply STOP to opt out. Reply END to end the video visit.", ["Reply END"]),
        ("Texting is fine: text STOP to stop your refill, or reply QUIT to quit the program.", ["text STOP", "reply QUIT"]),
    ])
    func laterMatch(text: String, matches: [String]) throws {
        let found = try Package.defaultRules().findings(text, rule: "reserved-keyword-reply")
        #expect(found.map(\.match) == matches)
    }
}
