import Matching

/// `textgate inspect` output: links, encoding, segments, length and non-GSM characters.
public enum InspectionReporter {
    /// One JSON record: `{"line", "links", "encoding", "segments", "length", "nonGsmCharacters", "suggestion"}`.
    public static func appendRecord(line: Int, _ i: MessageInspection, to w: inout JSONWriter) {
        w.raw("{\"line\":"); w.int(line)
        w.raw(",\"links\":[")
        for (k, l) in i.links.enumerated() {
            if k > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(l.text)
            w.raw(",\"url\":"); w.string(l.url)
            w.raw(",\"host\":"); w.string(l.host)
            w.raw(",\"start\":"); w.int(l.start)
            w.raw(",\"end\":"); w.int(l.end)
            w.raw("}")
        }
        w.raw("],\"encoding\":"); w.string(i.encoding.charset.rawValue)
        w.raw(",\"segments\":"); w.int(i.encoding.segments)
        w.raw(",\"length\":"); w.int(i.encoding.length)
        w.raw(",\"nonGsmCharacters\":[")
        for (k, c) in i.encoding.nonGsmCharacters.enumerated() {
            if k > 0 { w.raw(",") }
            w.string(c)
        }
        w.raw("],\"suggestion\":"); w.string(i.encoding.suggestion)
        w.raw("}")
    }

    /// A readable block for one message.
    public static func text(source: String, line: Int, _ i: MessageInspection) -> String {
        let e = i.encoding
        var out = "\(source):\(line): \(e.charset.rawValue), \(e.segments) segment\(e.segments == 1 ? "" : "s"), length \(e.length)\n"
        if !e.nonGsmCharacters.isEmpty {
            out += "  outside GSM-7: \(e.nonGsmCharacters.map { "\"\($0)\"" }.joined(separator: " "))\n"
        }
        if let s = e.suggestion { out += "  suggestion: \(s)\n" }
        for l in i.links {
            out += "  link \(l.start)..<\(l.end): \(l.text) (host \(l.host))\n"
        }
        return out
    }
}
