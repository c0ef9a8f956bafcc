import Foundation
import Testing
import Rules

@Suite("Bounded work and failing closed")
struct BoundedWorkTests {
    @Test("past the per-rule cap findings are counted, not listed, and the decision sees them all")
    func cap() throws {
        let rules = try Package.defaultRules()
        let text = String(repeating: "CBD ", count: 5_000)
        let report = rules.check(text)
        let cannabis = report.findings.filter { $0.rule == "cannabis" }
        #expect(cannabis.count == Ruleset.findingsPerRule)
        #expect(report.omitted["cannabis"] == 5_000 - Ruleset.findingsPerRule)
        #expect(report.decision == .block)
        #expect(cannabis.last?.start == (Ruleset.findingsPerRule - 1) * 4)
    }

    @Test("a megabyte of matches on many lines gives a bounded report")
    func manyLines() throws {
        let rules = try Package.defaultRules()
        // 250,000 matches on 25,000 lines: placing each finding by a scan from the start made
        // this take minutes; now it is one pass.
        let text = String(repeating: "CBD CBD CBD CBD CBD CBD CBD CBD CBD CBD\n", count: 25_000)
        let report = rules.check(text)
        #expect(report.omitted["cannabis"] == 250_000 - Ruleset.findingsPerRule)
        #expect(report.findings.last { $0.rule == "cannabis" }?.line == 10)
        #expect(report.findings.last { $0.rule == "cannabis" }?.column == 37)
    }

    @Test("control characters and placeholders are capped like any rule, the decision seeing every one")
    func builtinCaps() throws {
        let rules = try Package.defaultRules()
        let controls = rules.check(String(repeating: "a\u{1}", count: 5_000))
        #expect(controls.findings.filter { $0.rule == "control-character" }.count == Ruleset.findingsPerRule)
        #expect(controls.omitted["control-character"] == 5_000 - Ruleset.findingsPerRule)
        #expect(controls.decision == .block)
        // Tabs only warn on SMS: a NUL past the cap still blocks.
        let tabs = rules.check(String(repeating: "a\t", count: 500) + "\u{0}")
        #expect(tabs.findings.allSatisfy { $0.severity == .warning })
        #expect(tabs.omitted["control-character"] == 401)
        #expect(tabs.decision == .block)
        let placeholders = rules.check(String(repeating: "((name??x)) {{y}} ", count: 2_000))
        #expect(placeholders.findings.filter { $0.rule == "unrendered-placeholder" }.count == Ruleset.findingsPerRule)
        #expect(placeholders.omitted["unrendered-placeholder"] == 4_000 - Ruleset.findingsPerRule)
        #expect(placeholders.decision == .block)
    }

    @Test("an error rule that cannot finish blocks; a warning rule that cannot finish warns")
    func failClosed() throws {
        let text = String(repeating: "a", count: 60) + "!"
        let error = try Ruleset.load(directory: Package.path("fixtures/rulesets/valid/catastrophic-regex-error"))
        let warning = try Ruleset.load(directory: Package.path("fixtures/rulesets/valid/catastrophic-regex"))
        let blocked = error.check(text)
        #expect(blocked.incomplete == ["nested-quantifier-error"])
        #expect(blocked.decision == .block)
        #expect(warning.check(text).decision == .warn)
    }
}
