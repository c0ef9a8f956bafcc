import Testing
@testable import Rules

@Suite("Pattern rules tried only where their prefilter words start")
struct PatternAnchoringTests {
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

    @Test("the default reply-keyword rule is anchored; the discount patterns search the whole text")
    func defaultRules() throws {
        let rules = try Package.defaultRules()
        func regexes(_ id: String) throws -> (search: Int, anchored: Int) {
            let index = try #require(rules.rules.firstIndex { $0.id == id })
            let gates = rules.patternGates.filter { $0.rule == index }
            return (gates.map(\.search.count).reduce(0, +), gates.map(\.anchored.count).reduce(0, +))
        }
        #expect(try regexes("reserved-keyword-reply") == (0, 1))
        #expect(try regexes("short-code-keyword") == (0, 1), "its English and Spanish patterns are anchored, and joined")
        #expect(try regexes("percent-off").anchored == 0)
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
