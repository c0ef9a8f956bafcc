/// A `textgate-disable…` directive written in a Mustache comment, so it never reaches a patient:
/// `{{! textgate-disable-next-line RULE -- reason }}`, `{{! textgate-disable RULE -- reason }}`
/// and `{{! textgate-enable RULE }}`.
public struct Directive: Sendable, Equatable {
    /// What the directive does.
    public enum Kind: String, Sendable, CaseIterable {
        case disableNextLine = "textgate-disable-next-line"
        case disable = "textgate-disable"
        case enable = "textgate-enable"
    }

    /// The kind.
    public var kind: Kind
    /// The rule ids it names.
    public var rules: [String]
    /// Why the rule is suppressed (required for the disable kinds).
    public var reason: String
    /// Scalar range of the whole comment in the template.
    public var range: Range<Int>
    /// 1-based template line of the comment's start and end.
    public var line: Int, endLine: Int
    /// 1-based template column of the comment's start.
    public var column: Int
}

/// A directive that could not be read: always reported, never silently ignored.
public struct MalformedDirective: Sendable, Equatable {
    /// What is wrong and how to write it.
    public var problem: String
    /// Scalar range of the comment.
    public var range: Range<Int>
    /// 1-based template line and column.
    public var line: Int, column: Int
}

/// Reads the directives of a template.
public enum DirectiveParser {
    /// Every directive and every malformed one, in order. `known` maps rule ids to whether they
    /// may be suppressed.
    public static func parse(_ text: String, known: [String: Bool]) -> (directives: [Directive], malformed: [MalformedDirective]) {
        var directives: [Directive] = []
        var malformed: [MalformedDirective] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, column = 1
        while i < scalars.count {
            if scalars[i] == "{", i + 2 < scalars.count, scalars[i + 1] == "{", scalars[i + 2] == "!" {
                let start = i, startLine = line, startColumn = column
                var j = i + 3
                var endLine = line
                while j + 1 < scalars.count && !(scalars[j] == "}" && scalars[j + 1] == "}") {
                    if scalars[j] == "\n" { endLine += 1 }
                    j += 1
                }
                let end = min(j + 2, scalars.count)
                let body = String(String.UnicodeScalarView(scalars[(i + 3)..<min(j, scalars.count)]))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if body.hasPrefix("textgate-") {
                    switch read(body, known: known) {
                    case .success(let d):
                        directives.append(Directive(kind: d.0, rules: d.1, reason: d.2, range: start..<end,
                                                    line: startLine, endLine: endLine, column: startColumn))
                    case .failure(let problem):
                        malformed.append(MalformedDirective(problem: problem.text, range: start..<end, line: startLine, column: startColumn))
                    }
                }
                for k in i..<end { if scalars[k] == "\n" { line += 1; column = 1 } else { column += 1 } }
                i = end
                continue
            }
            if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        return (directives, malformed)
    }

    struct Problem: Error { var text: String }

    static func read(_ body: String, known: [String: Bool]) -> Result<(Directive.Kind, [String], String), Problem> {
        let word = String(body.prefix { !$0.isWhitespace })
        guard let kind = Directive.Kind(rawValue: word) else {
            let names = Directive.Kind.allCases.map(\.rawValue)
            let near = names.min { distance(word, $0) < distance(word, $1) }!
            return .failure(Problem(text: "unknown directive `\(word)`; did you mean `\(near)`?"))
        }
        let rest = body.dropFirst(word.count)
        let parts = rest.components(separatedBy: "--")
        let ruleText = parts[0]
        let reason = parts.dropFirst().joined(separator: "--").trimmingCharacters(in: .whitespacesAndNewlines)
        let rules = ruleText.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        guard !rules.isEmpty else {
            return .failure(Problem(text: "`\(word)` names no rule; write `\(word) RULE\(kind == .enable ? "" : " -- reason")`"))
        }
        for r in rules {
            guard let suppressible = known[r] else {
                let near = known.keys.min { distance(r, $0) < distance(r, $1) }
                return .failure(Problem(text: "`\(word)` names unknown rule `\(r)`" + (near.map { "; did you mean `\($0)`?" } ?? "")))
            }
            if !suppressible && kind != .enable {
                return .failure(Problem(text: "rule `\(r)` cannot be suppressed (its file says `suppressible: false`); change the template instead"))
            }
        }
        if kind != .enable && reason.isEmpty {
            return .failure(Problem(text: "`\(word) \(rules.joined(separator: ","))` needs a reason: `\(word) \(rules.joined(separator: ",")) -- why this is acceptable`"))
        }
        return .success((kind, rules, reason))
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count), cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
