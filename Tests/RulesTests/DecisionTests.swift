import Testing
import Rules

@Suite("Decisions")
struct DecisionTests {
    static func severityRules() throws -> Ruleset {
        try Ruleset.load(directory: Package.path("fixtures/rulesets/valid/severities"))
    }

    @Test("the worst severity decides: error blocks, warning warns, info and nothing allow", arguments: [
        ("this is fine", Decision.allow),
        ("duly noted", .allow),
        ("you were warned", .warn),
        ("noted and warned", .warn),
        ("blocked", .block),
        ("blocked, warned and noted", .block),
    ])
    func decisions(text: String, decision: Decision) throws {
        #expect(try Self.severityRules().check(text).decision == decision)
    }

    @Test("the decision follows the findings of the default rules")
    func defaultRules() throws {
        let rules = try Package.defaultRules()
        #expect(rules.check("Your appointment is on Monday.").decision == .allow)
        #expect(rules.check("Use promo code SPRING at checkout.").decision == .warn)
        #expect(rules.check("Use promo code SPRING to buy CBD.").decision == .block)
    }

    @Test("findings are ordered by position")
    func order() throws {
        let report = try Self.severityRules().check("noted, then warned, then blocked")
        #expect(report.findings.map(\.rule) == ["noted-word", "warned-word", "blocked-word"])
        #expect(report.findings.map(\.start) == [0, 12, 25])
    }
}
