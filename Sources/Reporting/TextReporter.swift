import Rules

/// `--format text`: clang-style diagnostics, `source:line:col: severity: message [rule]`, then
/// the message line with a caret under the match.
public enum TextReporter {
    /// The diagnostics for `messages`, followed by a one-line summary.
    public static func render(_ messages: [CheckedMessage], colour: Bool = false) -> String {
        var out = ""
        for m in messages { out += render(m, colour: colour) }
        return out
    }

    /// ANSI colours for a terminal: the severity word and the caret line.
    static func paint(_ text: String, _ severity: Severity?, _ on: Bool) -> String {
        guard on else { return text }
        let code: String
        switch severity {
        case .error?: code = "1;31"
        case .warning?: code = "1;33"
        case .info?: code = "1;36"
        case nil: code = "32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The diagnostics for one message; with `colour`, severities and carets in ANSI colours.
    public static func render(_ m: CheckedMessage, colour: Bool = false) -> String {
        guard let report = m.report else {
            return "\(m.source):\(m.firstLine):1: error: \(m.error ?? "not checked")\n"
        }
        var out = ""
        let lines = m.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for f in report.findings {
            out += "\(m.source):\(m.sourceLine(of: f)):\(f.column): \(paint(f.severity.rawValue + ":", f.severity, colour)) \(f.message) [\(f.rule)]\n"
            guard f.line - 1 < lines.count else { continue }
            let line = lines[f.line - 1]
            out += String(String.UnicodeScalarView(line.compactMap(shown))) + "\n"
            let width = f.endLine == f.line ? max(1, f.endColumn - f.column) : max(1, line.count - f.column + 1)
            let pad = line.prefix(f.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            out += pad + paint("^" + String(repeating: "~", count: width - 1), nil, colour) + "\n"
            if let s = f.suggestion { out += "  suggestion: \(s)\n" }
        }
        for id in report.omitted.keys.sorted() {
            out += "\(m.source):\(m.firstLine):1: note: \(report.omitted[id]!) more findings of [\(id)] not listed (at most \(Ruleset.findingsPerRule) of a rule are)\n"
        }
        for id in report.incomplete {
            // Counted at the worst severity of the rules that stopped: an error rule's blocks.
            let severity = (report.incompleteSeverity ?? .warning).rawValue
            out += "\(m.source):\(m.firstLine):1: \(severity): rule `\(id)` stopped at its regex match limit, so this message was not fully checked [\(id)]\n"
        }
        return out
    }

    /// A scalar of a quoted message as a terminal may show it: a control character would move
    /// the cursor, retitle the window or recolour the log, so each is shown as one visible
    /// character in its column (C0 as its control picture, ␀ to ␟; DEL as ␡; C1 and the bidi
    /// controls, which would reorder the line, as �). A CR is dropped.
    static func shown(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s.value {
        case 0x0D: return nil
        case 0x09: return s
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + s.value)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"
        default: return s
        }
    }

    /// "N errors, N warnings, N infos in N messages (rules VERSION)".
    public static func summary(_ tally: FindingTally, rulesVersion: String) -> String {
        "\(tally.summary) (rules \(rulesVersion))\n"
    }
}
