import Rules

/// `textgate rules explain`: one rule in words.
public enum RuleExplanation {
    /// What the rule catches, why, how it matches, and its examples.
    public static func text(_ r: Rule, settings: RuleSettings) -> String {
        var out = "\(r.id) (\(r.severity.rawValue), category \(r.category), kind \(r.kind.name))\n"
        out += "  defined in \(r.source.path)\n\n"
        out += "What:  \(r.message)\n"
        out += "Why:   \(r.rationale)\n"
        if let s = r.suggestion { out += "Fix:   \(s)\n" }
        out += "How:   \(how(r.kind, settings))\n"
        if !r.suppressible { out += "       This rule cannot be suppressed.\n" }
        out += "\nFlags:\n"
        for e in r.flagExamples { out += "  ✗ \(e.text)\n" }
        out += "Passes:\n"
        for e in r.passExamples { out += "  ✓ \(e.text)\n" }
        return out
    }

    static func list(_ items: [String], max: Int = 12) -> String {
        let shown = items.prefix(max).joined(separator: ", ")
        return items.count > max ? "\(shown), … (\(items.count) in all)" : shown
    }

    static func how(_ kind: RuleKind, _ settings: RuleSettings) -> String {
        switch kind {
        case .terms(let terms, let exceptions):
            return "any of these terms, case-insensitive, on word boundaries, after normalisation: \(list(terms))"
                + (exceptions.isEmpty ? "" : "; except within: \(list(exceptions))")
        case .pattern(let patterns, let prefilter, let own, let requiresLink):
            func literals(_ l: [String]) -> String { list(l.map { "\"\($0)\"" }) }
            let regexes = patterns.enumerated().map { k, p in
                "/\(p)/" + (k < own.count && !own[k].isEmpty ? " (run only when one of \(literals(own[k])) occurs)" : "")
            }
            return "the regexes \(list(regexes))"
                + (prefilter.isEmpty ? "" : ", run only when one of \(literals(prefilter)) occurs")
                + (requiresLink ? ", and only on a text with a link" : "")
        case .linkDomains(let domains):
            return "a link on any of \(domains.count) domains or their subdomains: \(list(domains))"
        case .linkPolicy(let allow):
            let allowed = settings.allowedLinkDomains + allow
            return allowed.isEmpty ? "every link (no domain is allowed yet: set allowed_link_domains in textgate.yml)"
                : "a link on any domain other than \(list(allowed)) and their subdomains"
        case .capsRatio(let ratio, let minLetters, let allow):
            return "more than \(Int(ratio * 100))% capitals among at least \(minLetters) letters, not counting links, placeholders and \(list(allow))"
        case .near(let first, let second, let within, _):
            return "a term of [\(list(first))] at most \(within) words from a term of [\(list(second))]"
        case .model(let model):
            return "a text whose score under the linear model in \(model.file) (\(model.featureCount) weighted words and word pairs) "
                + "is above \(model.threshold); the finding points at its word or word pair of the greatest weight"
        }
    }
}
