import Rules

/// `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), as a merge
/// request's Code Quality widget reads it from a `codequality` artifact.
public enum GitLabReporter {
    /// GitLab's severity for a finding's: an error blocks a send, so it is `critical`.
    public static func severity(_ s: Severity) -> String {
        switch s {
        case .error: return "critical"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    /// The check name of an input that could not be checked (invalid UTF-8).
    public static let unreadableCheck = "unreadable-input"

    /// The issues of `messages`, paths relative to `root` (the repository root).
    public static func render(_ messages: [CheckedMessage], root: String?) -> String {
        var w = JSONWriter()
        var fingerprints = Fingerprints()
        var first = true
        w.raw("[")
        for m in messages {
            let path = ArtifactLocation(m.source, root: root).path
            for f in m.report?.findings ?? [] {
                w.raw(first ? "\n  " : ",\n  ")
                first = false
                w.raw("{\"type\": \"issue\", \"check_name\": "); w.string(f.rule)
                w.raw(", \"description\": "); w.string("\(f.message) Matched: \"\(f.match)\"." + (m.name.map { " (template \($0))" } ?? ""))
                w.raw(", \"categories\": [\"Compliance\"], \"severity\": "); w.string(severity(f.severity))
                w.raw(", \"fingerprint\": "); w.string(fingerprints.next(f, path: path))
                w.raw(", \"location\": {\"path\": "); w.string(path)
                w.raw(", \"positions\": {\"begin\": {\"line\": "); w.int(m.sourceLine(of: f))
                w.raw(", \"column\": "); w.int(f.column)
                w.raw("}, \"end\": {\"line\": "); w.int(m.sourceEndLine(of: f))
                w.raw(", \"column\": "); w.int(f.endColumn)
                w.raw("}}}}")
            }
        }
        // Code Quality has no place for an input that could not be checked: each is a `blocker`
        // issue of its own, so that the widget never shows an unreadable file as clean.
        for m in messages {
            guard let error = m.error else { continue }
            let path = ArtifactLocation(m.source, root: root).path
            w.raw(first ? "\n  " : ",\n  ")
            first = false
            w.raw("{\"type\": \"issue\", \"check_name\": "); w.string(unreadableCheck)
            w.raw(", \"description\": "); w.string("This input could not be checked: \(error).")
            w.raw(", \"categories\": [\"Compliance\"], \"severity\": \"blocker\", \"fingerprint\": ")
            w.string(fingerprints.next(rule: unreadableCheck, match: "", path: path + ":\(m.firstLine)"))
            w.raw(", \"location\": {\"path\": "); w.string(path)
            w.raw(", \"lines\": {\"begin\": "); w.int(m.firstLine); w.raw("}}}")
        }
        w.raw(first ? "]\n" : "\n]\n")
        return w.text
    }
}
