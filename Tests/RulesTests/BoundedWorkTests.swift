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
