import Matching

/// An Apple `.strings` file (`es.lproj/Localizable.strings`, UTF-8 or UTF-16): each
/// `"key" = "value";` is a template named by its key, its text read through `\"`, `\n` and
/// `\U00E9` escapes; `/* */` and `//` comments are skipped. The locale is the `.lproj` folder's.
struct AppleStrings {
    typealias Char = SourceChars.Char

    let file: String
    let allSMS: Bool

    /// The default syntaxes of Apple catalogs: `%@`, `%lld`, `%1$@`, and `{{name}}`.
    static let syntaxes: [PlaceholderSyntax] = [.mustache, .apple]

    func templates(_ text: String) throws(LintError) -> [Template] {
        let chars = SourceChars(text).chars
        let locale = TemplateLocale.fromPath(file)
        var out: [Template] = []
        var i = 0
        func skipBlank() throws(LintError) {
            while i < chars.count {
                let s = chars[i].scalar
                if s == " " || s == "\t" || s == "\n" || s == "\r" { i += 1; continue }
                if s == "/", i + 1 < chars.count, chars[i + 1].scalar == "*" {
                    let start = chars[i].place
                    i += 2
                    while i + 1 < chars.count, !(chars[i].scalar == "*" && chars[i + 1].scalar == "/") { i += 1 }
                    guard i + 1 < chars.count else { throw error(start, "this comment is not closed with */") }
                    i += 2; continue
                }
                if s == "/", i + 1 < chars.count, chars[i + 1].scalar == "/" {
                    while i < chars.count, chars[i].scalar != "\n" { i += 1 }
                    continue
                }
                return
            }
        }
        func token() throws(LintError) -> ([Char], FilePlace) {
            guard i < chars.count else { throw error(chars.last.map(SourceChars.after) ?? FilePlace(line: 1, column: 1), "the file ends inside an entry; end it with \"value\";") }
            if chars[i].scalar == "\"" {
                let (text, end, next) = try Self.quoted(chars, from: i, file: file)
                i = next
                return (text, end)
            }
            let start = i
            while i < chars.count, chars[i].scalar.properties.isAlphabetic || chars[i].scalar.properties.numericType != nil
                    || "_.$:/-".unicodeScalars.contains(chars[i].scalar) { i += 1 }
            guard i > start else { throw error(chars[i].place, "expected a quoted string here, like \"key\" = \"value\";") }
            return (Array(chars[start..<i]), chars[i - 1].place)
        }
        func expect(_ s: Unicode.Scalar, _ what: String) throws(LintError) {
            try skipBlank()
            guard i < chars.count, chars[i].scalar == s else {
                throw error(i < chars.count ? chars[i].place : (chars.last.map(SourceChars.after) ?? FilePlace(line: 1, column: 1)), what)
            }
            i += 1
        }
        while true {
            try skipBlank()
            guard i < chars.count else { break }
            let (key, _) = try token()
            try expect("=", "expected `=` after the key \"\(SourceChars.string(key))\"")
            try skipBlank()
            let (value, end) = try token()
            try expect(";", "expected `;` after the value of \"\(SourceChars.string(key))\"")
            out.append(SourceChars.template(file: file, name: SourceChars.string(key), decoded: value, end: end, isSMS: allSMS,
                                            placeholders: Self.syntaxes, locale: locale))
        }
        return out
    }

    /// A quoted string at `from`: its characters, the place of its closing quote, and the index after it.
    static func quoted(_ chars: [Char], from: Int, file: String) throws(LintError) -> ([Char], FilePlace, Int) {
        var out: [Char] = []
        var i = from + 1
        while i < chars.count {
            let c = chars[i]
            if c.scalar == "\"" { return (out, c.place, i + 1) }
            guard c.scalar == "\\", i + 1 < chars.count else { out.append(c); i += 1; continue }
            let e = chars[i + 1].scalar
            switch e {
            case "n": out.append(("\n", c.place)); i += 2
            case "t": out.append(("\t", c.place)); i += 2
            case "r": out.append(("\r", c.place)); i += 2
            case "U", "u":
                let hex = SourceChars.string(Array(chars[min(i + 2, chars.count)..<min(i + 6, chars.count)]))
                guard hex.count == 4, let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else {
                    throw LintError.invalidCatalog(path: file, line: c.place.line, column: c.place.column,
                                                   reason: "`\\\(e)` needs four hex digits, like \\U00E9")
                }
                out.append((s, c.place)); i += 6
            default: out.append((e, c.place)); i += 2
            }
        }
        let p = chars[from].place
        throw LintError.invalidCatalog(path: file, line: p.line, column: p.column, reason: "this string is not closed; end it with \"")
    }

    func error(_ place: FilePlace, _ reason: String) -> LintError {
        .invalidCatalog(path: file, line: place.line, column: place.column, reason: reason)
    }
}
