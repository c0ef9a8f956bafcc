import Matching
import Yams

/// One regex of a `pattern` rule, as read from its file.
struct PatternItem {
    /// The PCRE2 regex.
    var regex: String
    /// Where the regex is written.
    var location: SourceLocation
    /// How it is quoted, for the column of a compile error.
    var style: Node.Scalar.Style
    /// Its own prefilter literals; empty when the rule's apply.
    var prefilter: [String]
}

extension NodeReader {
    /// Reads a `pattern` rule's `patterns`: each a regex, or a mapping of `pattern` (the regex)
    /// and `prefilter` (literals of its own, which it runs under instead of the rule's). Every
    /// regex must compile; nil (with a diagnostic) when the list is missing or not a list.
    mutating func patternItems(_ node: Node?, in root: Node) -> [PatternItem]? {
        guard let node else {
            error(location(root), "missing required key `patterns`: a list of strings")
            return nil
        }
        guard case .sequence(let seq) = node else {
            error(location(node), "`patterns` must be a list of strings (`- item` lines)")
            return nil
        }
        if seq.isEmpty { error(location(node), "`patterns` is empty; list at least one item") }
        var out: [PatternItem] = []
        var seen: Set<String> = []
        for item in seq {
            guard let read = patternItem(item) else { continue }
            if !seen.insert(read.regex.lowercased()).inserted {
                error(read.location, "`\(read.regex)` is listed twice in `patterns`; remove one")
                continue
            }
            do throws(PCRE2Error) {
                _ = try PCRE2Regex(read.regex)
            } catch {
                var at = read.location
                if case .compile(_, let offset) = error {
                    at.column = column(ofByte: offset, in: read.regex, at: read.location, style: read.style)
                }
                self.error(at, "\(error); fix the regex (PCRE2 syntax)")
            }
            out.append(read)
        }
        return out
    }

    /// One item of `patterns`: a regex, or a mapping with `pattern` and `prefilter`.
    private mutating func patternItem(_ item: Node) -> PatternItem? {
        if case .scalar(let s) = item, !NodeReader.isBlank(s.string) {
            return PatternItem(regex: s.string, location: location(item), style: s.style, prefilter: [])
        }
        guard case .mapping = item else {
            error(location(item), "every item of `patterns` must be a non-empty string, or a mapping of `pattern` and `prefilter`")
            return nil
        }
        guard let e = entries(item, what: "a pattern", allowed: ["pattern", "prefilter"]) else { return nil }
        let regex = string(e["pattern"], key: "pattern", in: item)
        let prefilter = plainTermList(e["prefilter"], key: "prefilter", in: item)
        guard let regex, let prefilter, let node = e["pattern"] else { return nil }
        return PatternItem(regex: regex, location: location(node), style: node.scalar?.style ?? .plain, prefilter: prefilter)
    }
}
