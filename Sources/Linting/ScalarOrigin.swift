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
            return .inline(line: line, columns: Array(column...(column + s.string.unicodeScalars.count)))
        case .doubleQuoted, .singleQuoted:
            guard line - 1 < lines.count,
                  let columns = quotedColumns(lines[line - 1], from: column, double: s.style == .doubleQuoted),
                  columns.count == s.string.unicodeScalars.count + 1 else {
                return .approximate(line: line, column: column + 1)
            }
            return .inline(line: line, columns: columns)
        default:
            return .approximate(line: line + (s.style == .folded ? 1 : 0), column: column)
        }
    }

    /// For a quoted scalar starting at `column` (the quote) on `text`, the file column of each
    /// decoded scalar, plus the closing quote's column; nil when the string continues past the line.
    static func quotedColumns(_ text: String, from column: Int, double: Bool) -> [Int]? {
        let scalars = Array(text.unicodeScalars)
        var i = column  // 0-based index just after the opening quote
        var columns: [Int] = []
        while i < scalars.count {
            let c = scalars[i]
            if double {
                if c == "\"" { columns.append(i + 1); return columns }
                if c == "\\" {
                    columns.append(i + 1)
                    let next = i + 1 < scalars.count ? scalars[i + 1] : " "
                    switch next {
                    case "x": i += 4
                    case "u":
                        // A surrogate pair (\uD83D\uDE00) is one scalar.
                        let hex = String(String.UnicodeScalarView(scalars[min(i + 2, scalars.count)..<min(i + 6, scalars.count)]))
                        if let v = UInt32(hex, radix: 16), (0xD800...0xDBFF).contains(v) { i += 12 } else { i += 6 }
                    case "U": i += 10
                    default: i += 2
                    }
                    continue
                }
            } else if c == "'" {
                if i + 1 < scalars.count && scalars[i + 1] == "'" {
                    columns.append(i + 1)
                    i += 2
                    continue
                }
                columns.append(i + 1)
                return columns
            }
            columns.append(i + 1)
            i += 1
        }
        return nil
    }
}
