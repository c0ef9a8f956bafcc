import Rules

extension Linter {
    /// Drops findings that directives suppress, and reports malformed and unused directives.
    func applySuppressions(_ findings: [Finding], _ text: String, _ position: TextPosition) -> [Finding] {
        guard text.contains("textgate-") else { return findings }
        let known = Dictionary(ruleset.rules.map { ($0.id, $0.suppressible) }, uniquingKeysWith: { a, _ in a })
            .merging(BuiltinCheck.all.map { ($0.id, $0.id != BuiltinCheck.invalidSuppression.id) }, uniquingKeysWith: { a, _ in a })
        let (directives, malformed) = DirectiveParser.parse(text, known: known)
        var used = Set<[Int]>()  // [directive index, rule index]
        var kept: [Finding] = []
        for f in findings {
            var suppressed = false
            for (d, directive) in directives.enumerated() {
                guard let r = directive.rules.firstIndex(of: f.rule) else { continue }
                let applies: Bool
                switch directive.kind {
                case .disableNextLine:
                    applies = f.line == directive.endLine + 1
                case .disable:
                    let end = directives[(d + 1)...].first { $0.kind == .enable && $0.rules.contains(f.rule) }?.range.lowerBound ?? Int.max
                    applies = f.start >= directive.range.upperBound && f.start < end
                case .enable:
                    applies = false
                }
                // A finding about the whole template (SMS length, all caps) is suppressed by a
                // directive anywhere inside it.
                let covers = f.start <= directive.range.lowerBound && f.end >= directive.range.upperBound && directive.kind != .enable
                if applies || covers { used.insert([d, r]); suppressed = true }
            }
            if !suppressed { kept.append(f) }
        }
        for m in malformed {
            let (endLine, endColumn) = position.locate(m.range.upperBound)
            kept.append(BuiltinCheck.invalidSuppression.finding(
                "Malformed suppression: \(m.problem)\(m.problem.hasSuffix("?") ? "" : ".")", match: position.text(m.range), start: m.range.lowerBound,
                end: m.range.upperBound, line: m.line, column: m.column, endLine: endLine, endColumn: endColumn))
        }
        for (d, directive) in directives.enumerated() where directive.kind != .enable {
            for (r, rule) in directive.rules.enumerated() where !used.contains([d, r]) {
                let (endLine, endColumn) = position.locate(directive.range.upperBound)
                kept.append(BuiltinCheck.unusedSuppression.finding(
                    "`\(directive.kind.rawValue) \(rule)` suppresses nothing; remove it.", match: position.text(directive.range),
                    start: directive.range.lowerBound, end: directive.range.upperBound, line: directive.line,
                    column: directive.column, endLine: endLine, endColumn: endColumn))
            }
        }
        return kept
    }
}

/// Lines and columns of scalar offsets in a text.
struct TextPosition {
    /// The text's scalars.
    let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// 1-based line and column of a scalar offset.
    func locate(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for s in scalars.prefix(offset) { if s == "\n" { line += 1; column = 1 } else { column += 1 } }
        return (line, column)
    }

    /// Offset of the end of a 1-based line (before its newline).
    func lineEnd(_ line: Int) -> Int {
        var l = 1
        for (i, s) in scalars.enumerated() where s == "\n" {
            if l == line { return i }
            l += 1
        }
        return scalars.count
    }

    func text(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(scalars.count, range.upperBound)
        return String(String.UnicodeScalarView(scalars[r]))
    }
}
