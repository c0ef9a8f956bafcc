/// A rule example that does not behave as its rule file says.
public struct ExampleFailure: Sendable, Equatable {
    /// The rule whose example failed.
    public var rule: String
    /// The example.
    public var example: Example
    /// True for a `flag:` example that was not flagged; false for a `pass:` example that was.
    public var expectedFlag: Bool
    /// What the rule matched, for a `pass:` example that was flagged.
    public var matched: [String]

    /// The failure as a located diagnostic.
    public var diagnostic: RuleDiagnostic {
        let quoted = example.text.count > 60 ? String(example.text.prefix(57)) + "..." : example.text
        if expectedFlag {
            return RuleDiagnostic(example.location,
                "rule `\(rule)` does not flag its own `flag:` example \"\(quoted)\"; fix the rule or the example")
        }
        return RuleDiagnostic(example.location,
            "rule `\(rule)` flags its own `pass:` example \"\(quoted)\" (matched \(matched.map { "\"\($0)\"" }.joined(separator: ", "))); add an exception or fix the example")
    }
}

extension Ruleset {
    /// Runs every rule's examples against the compiled rules: each `flag:` example must produce
    /// a finding of its rule, each `pass:` example none.
    public func testExamples() -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        for rule in rules {
            failures += testExamples(of: rule)
        }
        return failures
    }

    /// Runs one rule's examples.
    public func testExamples(of rule: Rule) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        for example in rule.flagExamples where !check(example.text).findings.contains(where: { $0.rule == rule.id }) {
            failures.append(ExampleFailure(rule: rule.id, example: example, expectedFlag: true, matched: []))
        }
        for example in rule.passExamples {
            let hits = check(example.text).findings.filter { $0.rule == rule.id }
            if !hits.isEmpty {
                failures.append(ExampleFailure(rule: rule.id, example: example, expectedFlag: false, matched: hits.map(\.match)))
            }
        }
        return failures
    }
}
