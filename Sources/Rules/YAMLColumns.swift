/// Columns inside YAML and JSON quoted strings, where escapes make the file wider than the text.
public enum YAMLColumns {
    /// For a quoted scalar starting at `column` (the quote) on `text`, the file column of each
    /// decoded scalar, plus the closing quote's column; nil when the string continues past the line.
    public static func quoted(_ text: String, from column: Int, double: Bool) -> [Int]? {
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
