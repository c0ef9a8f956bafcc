import Testing
@testable import Rules

@Suite("Pattern rules tried only where their prefilter words start")
struct PatternAnchoringTests {
    @Test("a regex is anchored only when each of its leading words begins with a prefilter literal")
    func eligibility() {
        #expect(Ruleset.anchoredAtPrefilter(#"\breply\s+stop"#, ["reply"]) != nil)
        #expect(Ruleset.anchoredAtPrefilter(#"\breply\s+stop"#, ["Rep"]) != nil)
        #expect(Ruleset.anchoredAtPrefilter(#"\b(?:reply|text)\s+stop"#, ["reply", "text"]) != nil)
        #expect(Ruleset.anchoredAtPrefilter(#"\breply\s+stop"#, ["ply"]) == nil, "ply starts inside the word")
        #expect(Ruleset.anchoredAtPrefilter(#"\b(?:reply|text)\s+stop"#, ["reply"]) == nil, "text has no prefilter")
        #expect(Ruleset.anchoredAtPrefilter(#"\breply\s+stop"#, []) == nil, "no prefilter: the regex runs everywhere")
        #expect(Ruleset.anchoredAtPrefilter(#"\b\d+%\s?off"#, ["%"]) == nil, "the match starts before the literal")
    }

    @Test("the default reply-keyword rule is anchored; the discount patterns search the whole text")
    func defaultRules() throws {
        let rules = try Package.defaultRules()
        func anchored(_ id: String) throws -> [Bool] {
            let index = try #require(rules.rules.firstIndex { $0.id == id })
            guard case .pattern(_, let anchored, _) = rules.compiled[index] else { return [] }
            return anchored.map { $0 != nil }
        }
        #expect(try anchored("reserved-keyword-reply") == [true])
        #expect(try anchored("percent-off").allSatisfy { !$0 })
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
