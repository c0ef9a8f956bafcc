import Yams

/// Reads one YAML rule file into model values, collecting every problem with its location.
struct NodeReader {
    let path: String
    private(set) var diagnostics: [RuleDiagnostic] = []
    /// The file's lines, for columns inside quoted strings.
    private(set) var lines: [String] = []

    /// The rules directory's data files (a `model` rule's weights), by path relative to the
    /// directory, and this file's folder relative to it (empty at the top).
    var dataFiles: [String: RuleFile] = [:]
    var folder = ""

    init(path: String) { self.path = path }

    mutating func error(_ at: SourceLocation, _ message: String) {
        diagnostics.append(RuleDiagnostic(at, message))
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: path, line: 1, column: 1) }
        return SourceLocation(path: path, line: mark.line, column: mark.column)
    }

    /// Parses YAML text, reporting syntax errors at their position.
    mutating func compose(_ text: String) -> Node? {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        do {
            // Every value is read as the text it is written as (numbers are parsed where a key
            // wants one), so no scalar needs its type resolved: the basic resolver skips the
            // regexes the default one runs on every scalar.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                error(location(nil), "the file is empty; a rule needs category, severity, message, rationale, kind and examples")
                return nil
            }
            return node
        } catch let e as YamlError {
            switch e {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let ctx = context.map { " \($0.text)" } ?? ""
                error(SourceLocation(path: path, line: mark.line, column: mark.column), "invalid YAML: \(problem)\(ctx)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                error(SourceLocation(path: path, line: context.mark.line, column: context.mark.column),
                      "duplicate key `\(duplicates.joined(separator: "`, `"))`; each key may appear once")
            default:
                error(location(nil), "invalid YAML: \(e)")
            }
        } catch {
            self.error(location(nil), "invalid YAML: \(error)")
        }
        return nil
    }

    /// The mapping's entries keyed by name, reporting non-string keys and keys outside `allowed`.
    mutating func entries(_ node: Node, what: String, allowed: [String],
                          misplaced: (String) -> String? = { _ in nil }) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error(location(node), "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                error(location(key), "keys must be plain names")
                continue
            }
            if allowed.contains(k.string) {
                result[k.string] = value
            } else if let reason = misplaced(k.string) {
                if !reason.isEmpty { error(location(key), reason) }
            } else {
                error(location(key), "unknown key `\(k.string)` in \(what)\(KeySuggestion.hint(for: k.string, in: allowed))")
            }
        }
        return result
    }

    mutating func string(_ node: Node?, key: String, in parent: Node, required: Bool = true) -> String? {
        guard let node else {
            if required { error(location(parent), "missing required key `\(key)`") }
            return nil
        }
        guard case .scalar(let s) = node, !NodeReader.isBlank(s.string) else {
            error(location(node), "`\(key)` must be a non-empty string")
            return nil
        }
        return s.string
    }

    /// Whether a string is empty or only white space.
    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0.properties.isWhitespace }
    }

    mutating func strings(_ node: Node?, key: String, in parent: Node, required: Bool = true) -> [(String, SourceLocation)]? {
        guard let node else {
            if required { error(location(parent), "missing required key `\(key)`: a list of strings") }
            return nil
        }
        guard case .sequence(let seq) = node else {
            error(location(node), "`\(key)` must be a list of strings (`- item` lines)")
            return nil
        }
        if seq.isEmpty {
            error(location(node), required ? "`\(key)` is empty; list at least one item"
                  : "`\(key)` is empty; list at least one item or remove the key")
        }
        var out: [(String, SourceLocation)] = []
        var seen: Set<String> = []
        for item in seq {
            guard case .scalar(let s) = item, !NodeReader.isBlank(s.string) else {
                error(location(item), "every item of `\(key)` must be a non-empty string")
                continue
            }
            if !seen.insert(s.string.lowercased()).inserted {
                error(location(item), "`\(s.string)` is listed twice in `\(key)`; remove one")
                continue
            }
            out.append((s.string, location(item)))
        }
        return out
    }

    mutating func number(_ node: Node?, key: String, in parent: Node, range: ClosedRange<Double>) -> Double? {
        guard let node else {
            error(location(parent), "missing required key `\(key)`: a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard case .scalar(let s) = node, let v = Double(s.string), range.contains(v) else {
            error(location(node), "`\(key)` must be a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return v
    }

    mutating func integer(_ node: Node?, key: String, in parent: Node, range: ClosedRange<Int>) -> Int? {
        guard let node else {
            error(location(parent), "missing required key `\(key)`: a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard case .scalar(let s) = node, let v = Int(s.string), range.contains(v) else {
            error(location(node), "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return v
    }

    mutating func bool(_ node: Node?, key: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let v = ["true": true, "false": false][s.string] else {
            error(location(node), "`\(key)` must be `true` or `false`")
            return nil
        }
        return v
    }
}
