import Rules

/// `--format jsonl` and `--format json`: one record per message, in input order.
///
/// A record is `{"line", "rulesVersion", "decision", "findings": [...]}`; each finding has
/// `rule`, `category`, `severity`, `message`, `match`, `start`, `end` (Unicode scalar offsets into
/// the message), `line`, `column` and `suggestion`. A message that could not be checked is
/// `{"line", "error"}`.
public enum JSONLinesReporter {
    /// Appends the record of a checked message (no newline), without building a `CheckedMessage`.
    /// (A stream of records writes clean ones faster with `writeCleanRecord(number:tail:count:to:)`.)
    public static func appendRecord(number: Int, report: Report, to w: inout JSONWriter) {
        w.raw("{\"line\":")
        w.int(number)
        appendReport(report, to: &w)
    }

    /// Appends one record (no newline).
    public static func appendRecord(_ m: CheckedMessage, to w: inout JSONWriter) {
        w.raw("{\"line\":")
        w.int(m.number)
        guard let report = m.report else {
            w.raw(",\"error\":")
            w.string(m.error ?? "not checked")
            w.raw("}")
            return
        }
        if let e = m.encoding {
            // Template records (lint) say which file and template they are about.
            w.raw(",\"file\":"); w.string(m.source)
            w.raw(",\"template\":"); w.string(m.name)
            w.raw(",\"locale\":"); w.string(m.locale)
            w.raw(",\"encoding\":"); w.string(e.charset.rawValue)
            w.raw(",\"segments\":"); w.int(e.segments)
        }
        appendReport(report, to: &w)
    }

    /// `,"rulesVersion":…,"decision":…,"findings":[…]}`: the end of a record.
    static func appendReport(_ report: Report, to w: inout JSONWriter) {
        w.raw(",\"rulesVersion\":")
        w.string(report.rulesVersion)
        switch report.decision {
        case .allow: w.raw(",\"decision\":\"allow\",\"findings\":[")
        case .warn: w.raw(",\"decision\":\"warn\",\"findings\":[")
        case .block: w.raw(",\"decision\":\"block\",\"findings\":[")
        }
        // Through a buffer pointer: each finding is read in place, not copied out of the array.
        report.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices {
                if i > 0 { w.raw(",") }
                appendFinding(findings[i], to: &w)
            }
        }
        w.raw("]")
        if !report.incomplete.isEmpty {
            w.raw(",\"incomplete\":[")
            for (i, id) in report.incomplete.enumerated() {
                if i > 0 { w.raw(",") }
                w.string(id)
            }
            w.raw("]")
        }
        if !report.omitted.isEmpty {
            // Findings of a rule past the per-rule cap, counted by rule id.
            w.raw(",\"omitted\":{")
            for (i, id) in report.omitted.keys.sorted().enumerated() {
                if i > 0 { w.raw(",") }
                w.string(id)
                w.raw(":")
                w.int(report.omitted[id]!)
            }
            w.raw("}")
        }
        w.raw("}")
    }

    /// Appends one finding object.
    public static func appendFinding(_ f: Finding, to w: inout JSONWriter) {
        // The rule's own fields open and close the object and repeat from finding to finding:
        // they are kept written.
        let cached: Int
        if let known = w.ruleFields.withUnsafeBufferPointer({ $0.firstIndex { $0.matches(f) } }) {
            cached = known
        } else {
            if w.ruleFields.count == 32 {
                w.ruleFields.removeAll()
                w.ruleFieldRanges.removeAll()
                w.ruleFieldBytes.removeAll()
            }
            var fields = JSONWriter()
            fields.raw("{\"rule\":"); fields.string(f.rule)
            fields.raw(",\"category\":"); fields.string(f.category)
            fields.raw(",\"severity\":"); fields.string(f.severity.rawValue)
            fields.raw(",\"message\":"); fields.string(f.message)
            fields.raw(",\"match\":")
            let split = fields.bytes.count
            fields.raw(",\"suggestion\":"); fields.string(f.suggestion)
            fields.raw("}")
            let at = w.ruleFieldBytes.count
            w.ruleFieldBytes += fields.bytes
            w.ruleFields.append(RuleFields(f))
            w.ruleFieldRanges.append((at..<(at + split), (at + split)..<w.ruleFieldBytes.count))
            cached = w.ruleFields.count - 1
        }
        let (opening, closing) = w.ruleFieldRanges[cached]
        w.appendRuleBytes(opening)
        w.string(f.match)
        w.raw(",\"start\":"); w.int(f.start)
        w.raw(",\"end\":"); w.int(f.end)
        w.raw(",\"line\":"); w.int(f.line)
        w.raw(",\"column\":"); w.int(f.column)
        w.appendRuleBytes(closing)
    }

    /// Every record, one per line.
    public static func render(_ messages: [CheckedMessage]) -> String {
        var w = JSONWriter()
        for m in messages {
            appendRecord(m, to: &w)
            w.bytes.append(0x0A)
        }
        return w.text
    }

    /// Every record in one JSON array (`--format json`).
    public static func renderDocument(_ messages: [CheckedMessage]) -> String {
        var w = JSONWriter()
        w.raw("[")
        for (i, m) in messages.enumerated() {
            w.raw(i == 0 ? "\n  " : ",\n  ")
            appendRecord(m, to: &w)
        }
        w.raw(messages.isEmpty ? "]\n" : "\n]\n")
        return w.text
    }
}
