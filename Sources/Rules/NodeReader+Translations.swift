import Yams

extension NodeReader {
    /// Languages a rule's message and suggestion may be given in beside its own (English).
    static let translationLanguages = ["es"]

    /// `translations: {es: {message: ..., suggestion: ...}}`: the rule's message and suggestion
    /// in other languages; nil (with diagnostics) when the block is malformed.
    mutating func translations(_ node: Node?, in root: Node, hasSuggestion: Bool) -> [String: RuleText]? {
        guard let node else { return [:] }
        let codes = Self.translationLanguages.map { "`\($0)`" }.joined(separator: ", ")
        guard let byLanguage = entries(node, what: "`translations`, which gives the message by language (\(codes))",
                                       allowed: Self.translationLanguages) else { return nil }
        var out: [String: RuleText] = [:]
        for (code, value) in byLanguage {
            let key = "translations.\(code)"
            guard let e = entries(value, what: "`\(key)`", allowed: ["message", "suggestion"]) else { continue }
            let message = string(e["message"], key: "\(key).message", in: value)
            let suggestion = string(e["suggestion"], key: "\(key).suggestion", in: value, required: false)
            if suggestion != nil && !hasSuggestion {
                error(location(e["suggestion"]), "`\(key).suggestion` translates a suggestion the rule does not have; add `suggestion` in English or remove this one")
            }
            if suggestion == nil && hasSuggestion {
                error(location(value), "`\(key)` has no `suggestion`; the rule has one, so translate it too")
            }
            if let message { out[code] = RuleText(message: message, suggestion: suggestion) }
        }
        return out
    }
}
