import Matching
import Rules

extension Linter {
    /// A finding for each placeholder the sample values give no value for, so a rendering that
    /// left it empty (or as written) is not taken for a check of the real text.
    func missingValues(_ tags: [Placeholder], _ scalarRanges: [Range<Int>], _ position: TextPosition) -> [Finding] {
        guard let sample else { return [] }
        var out: [Finding] = []
        var named: Set<String> = []
        for (k, p) in tags.enumerated() where k < scalarRanges.count {
            guard let name = p.name, name != "#", name != ".", !named.contains(name) else { continue }
            if p.syntax == .notify, position.text(scalarRanges[k]).hasSuffix("??") { continue }
            guard sample.value(named: name, syntax: p.syntax) == nil else { continue }
            named.insert(name)
            let at = scalarRanges[k]
            let (line, column) = position.locate(at.lowerBound)
            let (endLine, endColumn) = position.locate(at.upperBound)
            out.append(BuiltinCheck.sampleMissing.finding(
                "The sample values give no value for '\(name)', so the rendered text checked lacks it. Add '\(name)' to the sample file.",
                match: position.text(at), start: at.lowerBound, end: at.upperBound, line: line, column: column,
                endLine: endLine, endColumn: endColumn))
        }
        return out
    }
}
