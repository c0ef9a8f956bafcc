import Rules

/// `--format github`: GitHub Actions workflow commands that annotate the lines of a pull request.
///
/// GitHub shows at most 10 errors and 10 warnings per step; past that a notice says how many
/// more there are and points to the SARIF report.
public enum GitHubReporter {
    /// GitHub's display limit per level and step.
    public static let displayLimit = 10

    /// The annotations for `messages`.
    public static func render(_ messages: [CheckedMessage]) -> String {
        var out = ""
        var shown: [String: Int] = [:]
        var hidden = 0
        for m in messages {
            guard let report = m.report else {
                out += "::error file=\(property(m.source)),line=\(m.firstLine)::\(escape(m.error ?? "not checked"))\n"
                continue
            }
            for f in report.findings {
                let level = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
                if shown[level, default: 0] >= displayLimit { hidden += 1; continue }
                shown[level, default: 0] += 1
                out += "::\(level) file=\(property(m.source)),line=\(m.sourceLine(of: f)),endLine=\(m.sourceEndLine(of: f))"
                out += ",col=\(f.column),endColumn=\(f.endColumn),title=\(property("\(f.rule) (\(f.category))"))"
                out += "::\(escape("\(f.message) Matched: \"\(f.match)\"."))\n"
            }
        }
        if hidden > 0 {
            out += "::notice title=textgate::\(escape("\(hidden) more findings are not shown here (GitHub shows \(displayLimit) per level); run with --format sarif and upload the report for all of them."))\n"
        }
        return out
    }

    /// Escapes a message: `%`, CR and LF.
    public static func escape(_ s: String) -> String {
        s.replacingAll([("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// Escapes a property value: as a message, plus `:` and `,`.
    public static func property(_ s: String) -> String {
        escape(s).replacingAll([(":", "%3A"), (",", "%2C")])
    }
}

extension String {
    /// Replaces single Unicode scalars (so the CR and LF of a CRLF pair are replaced each).
    func replacingAll(_ pairs: [(Unicode.Scalar, String)]) -> String {
        var out = ""
        for s in unicodeScalars {
            if let r = pairs.first(where: { $0.0 == s }) { out += r.1 } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
