import Rules
import Yams

/// Works out where a YAML or JSON string's text sits in its file, so findings inside a catalog
/// point at the template's own line and column.
enum ScalarOrigin {
    static func origin(of node: Node, lines: [String]) -> TextOrigin {
        guard case .scalar(let s) = node, let mark = s.mark else { return .approximate(line: 1, column: 1) }
        let line = mark.line, column = mark.column
        switch s.style {
        case .literal:
            let indent = lines.dropFirst(line).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { $0.prefix { $0 == " " }.count } ?? 0
            return .block(firstLine: line + 1, indent: indent)
        case .plain where !s.string.contains("\n"):
            return .inline(line: line, columns: Array(column...(column + s.string.unicodeScalars.count)), lineStarts: [0])
        case .doubleQuoted, .singleQuoted:
            guard line - 1 < lines.count,
                  let columns = YAMLColumns.quoted(lines[line - 1], from: column, double: s.style == .doubleQuoted),
                  columns.count == s.string.unicodeScalars.count + 1 else {
                return .approximate(line: line, column: column + 1)
            }
            return .inline(line: line, columns: columns, lineStarts: lineStarts(s.string))
        default:
            return .approximate(line: line + (s.style == .folded ? 1 : 0), column: column)
        }
    }

    /// Scalar offsets where each line of `text` starts.
    static func lineStarts(_ text: String) -> [Int] {
        var starts = [0]
        for (i, c) in text.unicodeScalars.enumerated() where c == "\n" { starts.append(i + 1) }
        return starts
    }
}
