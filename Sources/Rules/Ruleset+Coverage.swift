extension Ruleset {
    /// What `rules test --coverage` reports for a rule: it fires on none of its examples, or one
    /// of its `flag:` examples triggers another rule too (a flag example should show its rule
    /// alone). A `pass:` example may trigger other rules: it only shows this one stays quiet.
    /// A `model` rule reads every text as a whole, so it is a second opinion on other rules'
    /// examples, not another rule they trigger; its own examples must show it alone.
    public func coverageProblems(of rule: Rule) -> [RuleDiagnostic] {
        var problems: [RuleDiagnostic] = []
        var fired = false
        let modelRules = Set(models.map { rules[$0.rule].id })
        for (example, isFlag) in rule.flagExamples.map({ ($0, true) }) + rule.passExamples.map({ ($0, false) }) {
            let findings = check(example.text).findings
            if isFlag && findings.contains(where: { $0.rule == rule.id }) { fired = true }
            let others = Set(findings.map(\.rule)).subtracting([rule.id]).subtracting(modelRules).sorted()
            if isFlag && !others.isEmpty {
                problems.append(RuleDiagnostic(example.location,
                    "this `\(isFlag ? "flag" : "pass")` example of rule `\(rule.id)` also triggers \(others.map { "`\($0)`" }.joined(separator: ", ")); pick an example that shows `\(rule.id)` alone"))
            }
        }
        if !fired {
            problems.append(RuleDiagnostic(rule.source, "rule `\(rule.id)` fires on none of its examples; add a `flag:` example it catches"))
        }
        return problems
    }
}
