import Yams

extension NodeReader {
    /// Reads `overrides: {RULE_OR_CATEGORY: {enabled: false} | {severity: warning}}`, in the
    /// order written.
    mutating func overrides(_ node: Node?) -> [Override] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            error(location(node), "`overrides` must map rule ids or categories to `{enabled: false}` or `{severity: warning}`")
            return []
        }
        var result: [Override] = []
        for (key, value) in mapping {
            guard case .scalar(let target) = key, !NodeReader.isBlank(target.string) else {
                error(location(key), "each key of `overrides` must be a rule id or a category")
                continue
            }
            guard let e = entries(value, what: "the override of `\(target.string)`", allowed: ["enabled", "severity"]) else { continue }
            var override = Override(target: target.string, origin: location(key))
            override.enabled = bool(e["enabled"], key: "enabled")
            if let s = string(e["severity"], key: "severity", in: value, required: false) {
                override.severity = Severity(rawValue: s)
                if override.severity == nil {
                    error(location(e["severity"]), "severity `\(s)` is not one of `error`, `warning`, `info`"
                          + KeySuggestion.hint(for: s, in: ["error", "warning", "info"]))
                }
            }
            if e.isEmpty {
                error(location(value), "the override of `\(target.string)` changes nothing; give it `enabled: false` or `severity: warning`")
            }
            result.append(override)
        }
        return result
    }
}
