import Rules

/// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
///
/// Columns are Unicode code points (`columnKind: unicodeCodePoints`), matching the other formats.
public enum SARIFReporter {
    /// The tool version written into `tool.driver.semanticVersion`: textgate's version.
    public static let toolVersion = TextgateVersion.current

    /// One SARIF log with one run: the rules, then one result per finding. Locations are
    /// relative to `SRCROOT`, which `root` (an absolute folder, when given) declares in
    /// `originalUriBaseIds`; a file outside `root` is an absolute `file://` URI. With
    /// `helpBaseURL`, each rule's `helpUri` is it followed by the rule id.
    public static func render(_ messages: [CheckedMessage], rules: [RuleDescriptor], rulesVersion: String,
                              helpBaseURL: String? = nil, root: String? = nil) -> String {
        var w = JSONWriter()
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        w.raw("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n")
        w.raw("    \"tool\": {\"driver\": {\"name\": \"textgate\", \"semanticVersion\": ")
        w.string(toolVersion)
        w.raw(", \"informationUri\": "); w.string(TextgateVersion.repository)
        w.raw(", \"rules\": [")
        for (i, rule) in rules.enumerated() {
            w.raw(i == 0 ? "\n      " : ",\n      ")
            w.raw("{\"id\": "); w.string(rule.id)
            w.raw(", \"shortDescription\": {\"text\": "); w.string(rule.message)
            w.raw("}, \"fullDescription\": {\"text\": "); w.string(rule.rationale)
            let help = helpBaseURL.flatMap { rule.kind == "builtin" ? nil : $0 + rule.id }
            if let help { w.raw("}, \"helpUri\": "); w.string(help); w.raw(", \"help\": {\"text\": ") }
            else { w.raw("}, \"help\": {\"text\": ") }
            w.string(rule.message + (rule.suggestion.map { " " + $0 } ?? "") + " Why: " + rule.rationale)
            w.raw(", \"markdown\": "); w.string(markdown(rule, help: help))
            w.raw("}, \"defaultConfiguration\": {\"level\": "); w.string(level(rule.severity))
            w.raw("}, \"properties\": {\"category\": "); w.string(rule.category)
            w.raw(", \"kind\": "); w.string(rule.kind)
            w.raw("}}")
        }
        w.raw("]}},\n")
        if let root {
            w.raw("    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": ")
            w.string("file://" + encode(root.hasSuffix("/") ? root : root + "/"))
            w.raw(", \"description\": {\"text\": \"The repository root, or the folder textgate ran in when there is no repository.\"}}},\n")
        }
        w.raw("    \"columnKind\": \"unicodeCodePoints\",\n    \"properties\": {\"rulesVersion\": ")
        w.string(rulesVersion)
        w.raw("},\n    \"results\": [")
        var first = true
        var fingerprints = Fingerprints()
        for m in messages {
            let artifact = ArtifactLocation(m.source, root: root)
            for f in m.report?.findings ?? [] {
                w.raw(first ? "\n      " : ",\n      ")
                first = false
                w.raw("{\"ruleId\": "); w.string(f.rule)
                if let i = index[f.rule] { w.raw(", \"ruleIndex\": "); w.int(i) }
                w.raw(", \"level\": "); w.string(level(f.severity))
                w.raw(", \"message\": {\"text\": "); w.string("\(f.message) Matched: \"\(f.match)\".")
                w.raw("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                w.string(artifact.uri)
                if let base = artifact.baseId { w.raw(", \"uriBaseId\": "); w.string(base) }
                w.raw("}, \"region\": {\"startLine\": "); w.int(m.sourceLine(of: f))
                w.raw(", \"startColumn\": "); w.int(f.column)
                w.raw(", \"endLine\": "); w.int(m.sourceEndLine(of: f))
                w.raw(", \"endColumn\": "); w.int(f.endColumn)
                w.raw(", \"snippet\": {\"text\": "); w.string(f.match)
                w.raw("}}}}], \"partialFingerprints\": {\"textgate/v1\": ")
                w.string(fingerprints.next(f, path: artifact.path))
                w.raw("}")
                if m.name != nil || m.locale != nil {
                    w.raw(", \"properties\": {")
                    if let name = m.name { w.raw("\"template\": "); w.string(name) }
                    if let locale = m.locale { w.raw(m.name == nil ? "\"locale\": " : ", \"locale\": "); w.string(locale) }
                    w.raw("}")
                }
                w.raw("}")
            }
        }
        w.raw(first ? "]" : "\n    ]")
        // Inputs that could not be checked: the run did not succeed, and each says why and where,
        // so that a code-scanning view never shows an unreadable file as clean.
        let unreadable = messages.filter { $0.error != nil }
        if !unreadable.isEmpty {
            w.raw(",\n    \"invocations\": [{\"executionSuccessful\": false, \"toolExecutionNotifications\": [")
            for (k, m) in unreadable.enumerated() {
                let artifact = ArtifactLocation(m.source, root: root)
                w.raw(k == 0 ? "\n      " : ",\n      ")
                w.raw("{\"level\": \"error\", \"message\": {\"text\": "); w.string("\(m.source):\(m.firstLine): \(m.error ?? "")")
                w.raw("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "); w.string(artifact.uri)
                if let base = artifact.baseId { w.raw(", \"uriBaseId\": "); w.string(base) }
                w.raw("}, \"region\": {\"startLine\": "); w.int(m.firstLine)
                w.raw("}}}]}")
            }
            w.raw("\n    ]}]")
        }
        w.raw("\n  }]\n}\n")
        return w.text
    }

    /// A rule's help as Markdown: what, why, the fix, and a link to its reference.
    static func markdown(_ rule: RuleDescriptor, help: String?) -> String {
        var out = "**\(rule.message)**\n\n**Why:** \(rule.rationale)"
        if let s = rule.suggestion { out += "\n\n**Fix:** \(s)" }
        out += "\n\nCategory `\(rule.category)`, default severity `\(rule.severity.rawValue)`."
        if let help { out += " [Rule reference](\(help))" }
        return out
    }

    /// SARIF's level for a severity.
    public static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A repository-relative URI: no leading `./` or `/`, spaces and `%` percent-encoded.
    public static func uri(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.hasPrefix("/") { p = p.dropFirst() }
        return encode(String(p))
    }

    /// `path` with `%`, space, `#`, `?` and `:` percent-encoded, as a URI path needs (a `:` in
    /// a relative reference's first segment would read as a scheme).
    static func encode(_ path: String) -> String {
        path.replacingAll([("%", "%25"), (" ", "%20"), ("#", "%23"), ("?", "%3F"), (":", "%3A")])
    }
}
