/// The findings of one built-in check (control characters, placeholders), at most
/// `Ruleset.findingsPerRule` of them kept; the rest are counted, with the worst severity among
/// them, so that a report stays bounded while its decision reflects every one.
public struct CappedFindings: Sendable, Equatable {
    /// The rule the findings are of.
    public let rule: String
    /// The findings kept, in order.
    public private(set) var kept: [Finding] = []
    /// How many more there were.
    public private(set) var omitted = 0
    /// The worst severity among those not kept, if any.
    public private(set) var worstOmitted: Severity? = nil

    /// No findings yet, of `rule`.
    public init(rule: String) { self.rule = rule }

    /// Keeps the finding `make` builds, or past the cap counts one of `severity` without building it.
    mutating func append(severity: Severity, _ make: () -> Finding) {
        if kept.count < Ruleset.findingsPerRule {
            kept.append(make())
        } else {
            omitted += 1
            if worstOmitted.map({ severity > $0 }) ?? true { worstOmitted = severity }
        }
    }

    /// Whether there is none.
    public var isEmpty: Bool { kept.isEmpty }
}

extension Report {
    /// This report with a built-in check's findings merged in and its omitted ones counted;
    /// the decision can only rise, and counts the omitted ones too.
    public func adding(_ capped: CappedFindings) -> Report {
        guard !capped.isEmpty else { return self }
        var merged = adding(capped.kept)
        if capped.omitted > 0 {
            merged.omitted[capped.rule, default: 0] += capped.omitted
            let floor = Decision(worst: capped.worstOmitted)
            if floor.rank > merged.decision.rank { merged.decision = floor }
        }
        return merged
    }
}
