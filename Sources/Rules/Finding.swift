/// One rule's finding in one message: which rule, what it matched and where.
public struct Finding: Sendable, Equatable {
    /// The rule id.
    public var rule: String
    /// The rule's category.
    public var category: String
    /// The rule's severity.
    public var severity: Severity
    /// The rule's message: what is wrong and what to do instead.
    public var message: String
    /// The matched text, from the original message.
    public var match: String
    /// Start offset in Unicode scalars into the original message.
    public var start: Int
    /// End offset (exclusive) in Unicode scalars into the original message.
    public var end: Int
    /// 1-based line of the start.
    public var line: Int
    /// 1-based column of the start, in Unicode scalars.
    public var column: Int
    /// 1-based line of the last matched character.
    public var endLine: Int
    /// 1-based column just past the match, in Unicode scalars.
    public var endColumn: Int
    /// A short fix hint, if the rule has one.
    public var suggestion: String?

    /// A finding.
    public init(rule: String, category: String, severity: Severity, message: String, match: String, start: Int, end: Int,
                line: Int, column: Int, endLine: Int, endColumn: Int, suggestion: String?) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.match = match
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.suggestion = suggestion
    }
}

/// The result of checking one message.
public struct Report: Sendable, Equatable {
    /// The content hash of the rules that produced this report.
    public var rulesVersion: String
    /// Allow, warn or block.
    public var decision: Decision
    /// Findings ordered by position, then rule id; at most `Ruleset.findingsPerRule` of each rule.
    public var findings: [Finding]
    /// Rules whose regex hit its match, depth or heap limit on this message, so could not finish.
    public var incomplete: [String]
    /// Findings of a rule beyond the reported ones, by rule id (the decision counts them all).
    public var omitted: [String: Int]
    /// The worst severity of the rules in `incomplete`, nil when every rule finished.
    public var incompleteSeverity: Severity?

    /// A report; the decision follows from the findings. A rule that could not finish counts
    /// as a finding of its severity (`incompleteSeverity`, the worst of them): an `error` rule
    /// that hits its limit blocks, and nothing incomplete ever passes as `allow`.
    public init(rulesVersion: String, findings: [Finding], incomplete: [String] = [],
                incompleteSeverity: Severity = .warning, omitted: [String: Int] = [:]) {
        self.rulesVersion = rulesVersion
        self.findings = findings
        var decision = Decision(findings: findings)
        if !incomplete.isEmpty {
            let floor: Decision = incompleteSeverity == .error ? .block : .warn
            if decision.rank < floor.rank { decision = floor }
        }
        self.decision = decision
        self.incomplete = incomplete
        self.incompleteSeverity = incomplete.isEmpty ? nil : incompleteSeverity
        self.omitted = omitted
    }

    /// Whether the report has a finding of `severity` or worse, or a rule of such a severity
    /// that could not finish (it might have found one): what `--fail-on` fails on.
    public func reaches(_ severity: Severity) -> Bool {
        findings.contains { $0.severity >= severity } || incompleteSeverity.map { $0 >= severity } == true
    }

    /// This report with `extra` findings merged in by position; the decision can only rise.
    public func adding(_ extra: [Finding]) -> Report {
        guard !extra.isEmpty else { return self }
        var merged = self
        merged.findings = (findings + extra).sorted { ($0.start, $0.rule, $0.end) < ($1.start, $1.rule, $1.end) }
        let raised = Decision(findings: extra)
        if raised.rank > decision.rank { merged.decision = raised }
        return merged
    }
}

/// A message that is not valid UTF-8.
public struct InvalidUTF8: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the first byte that is not part of a valid UTF-8 sequence.
    public var byteOffset: Int
    /// What is wrong, for people.
    public var description: String { "invalid UTF-8 at byte \(byteOffset); save the text as UTF-8" }
}
