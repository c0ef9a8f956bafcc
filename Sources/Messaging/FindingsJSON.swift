import Reporting
import Rules

/// Findings as the JSON array the API returns: the same fields as the CLI's jsonl.
public enum FindingsJSON {
    /// `[{"rule", "category", "severity", "message", "match", "start", "end", "line", "column", "suggestion"}, ...]`.
    public static func encode(_ findings: [Finding]) -> String {
        var w = JSONWriter()
        w.raw("[")
        for (i, f) in findings.enumerated() {
            if i > 0 { w.raw(",") }
            JSONLinesReporter.appendFinding(f, to: &w)
        }
        w.raw("]")
        return w.text
    }
}
