import Rules

/// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
///
/// Columns are Unicode code points (`columnKind: unicodeCodePoints`), matching the other formats.
public enum SARIFReporter {
    /// The tool version written into `tool.driver.semanticVersion`: textgate's version.
    public static let toolVersion = TextgateVersion.current

    /// One SARIF log with one run: the rules, then one result per finding.
    public static func render(_ messages: [CheckedMessage], rules: [RuleDescriptor], rulesVersion: String) -> String {
        var w = JSONWriter()
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        w.raw("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n")
        w.raw("    \"tool\": {\"driver\": {\"name\": \"textgate\", \"semanticVersion\": ")
        w.string(toolVersion)
        w.raw(", \"informationUri\": \"https://github.com/textgate/textgate\", \"rules\": [")
        for (i, rule) in rules.enumerated() {
            w.raw(i == 0 ? "\n      " : ",\n      ")
            w.raw("{\"id\": "); w.string(rule.id)
            w.raw(", \"shortDescription\": {\"text\": "); w.string(rule.message)
            w.raw("}, \"fullDescription\": {\"text\": "); w.string(rule.rationale)
            w.raw("}, \"help\": {\"text\": "); w.string(rule.message + (rule.suggestion.map { " " + $0 } ?? "") + " Why: " + rule.rationale)
            w.raw("}, \"defaultConfiguration\": {\"level\": "); w.string(level(rule.severity))
            w.raw("}, \"properties\": {\"category\": "); w.string(rule.category)
            w.raw(", \"kind\": "); w.string(rule.kind)
            w.raw("}}")
        }
        w.raw("]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"properties\": {\"rulesVersion\": ")
        w.string(rulesVersion)
        w.raw("},\n    \"results\": [")
        var first = true
        for m in messages {
            for f in m.report?.findings ?? [] {
                w.raw(first ? "\n      " : ",\n      ")
                first = false
                w.raw("{\"ruleId\": "); w.string(f.rule)
                if let i = index[f.rule] { w.raw(", \"ruleIndex\": "); w.int(i) }
                w.raw(", \"level\": "); w.string(level(f.severity))
                w.raw(", \"message\": {\"text\": "); w.string("\(f.message) Matched: \"\(f.match)\".")
                w.raw("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                w.string(uri(m.source))
                w.raw("}, \"region\": {\"startLine\": "); w.int(m.sourceLine(of: f))
                w.raw(", \"startColumn\": "); w.int(f.column)
                w.raw(", \"endLine\": "); w.int(m.sourceEndLine(of: f))
                w.raw(", \"endColumn\": "); w.int(f.endColumn)
                w.raw(", \"snippet\": {\"text\": "); w.string(f.match)
                w.raw("}}}}], \"partialFingerprints\": {\"primaryLocationLineHash\": ")
                w.string(fingerprint(f, source: m.source))
                w.raw("}}")
            }
        }
        w.raw(first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n")
        return w.text
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
        return String(p).replacingAll([("%", "%25"), (" ", "%20"), ("#", "%23"), ("?", "%3F")])
    }

    /// A stable fingerprint from the rule, file and matched text (not the line number), so a
    /// finding keeps its identity when lines move.
    public static func fingerprint(_ f: Finding, source: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(f.rule)\u{0}\(source)\u{0}\(f.match.lowercased())".utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + ":1"
    }
}
