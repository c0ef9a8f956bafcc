import Foundation
import Matching

/// A file's text as Unicode scalars, each with its 1-based line and column, for catalog readers
/// that decode escapes and must still point findings at the file.
struct SourceChars {
    /// One source character with its file place.
    typealias Char = (scalar: Unicode.Scalar, place: FilePlace)

    /// Every scalar of the file, a leading byte-order mark left out; CR LF is one line break.
    var chars: [Char] = []

    /// The characters of `text`.
    init(_ text: String) {
        var line = 1, column = 1
        var previousCR = false
        for s in text.unicodeScalars {
            if chars.isEmpty && line == 1 && column == 1 && s == "\u{FEFF}" { continue }
            if s == "\n" && previousCR {
                chars.append((s, FilePlace(line: line - 1, column: column)))
                previousCR = false
                continue
            }
            chars.append((s, FilePlace(line: line, column: column)))
            previousCR = s == "\r"
            if s == "\n" || s == "\r" { line += 1; column = 1 } else { column += 1 }
        }
    }

    /// The text of decoded characters.
    static func string(_ decoded: [Char]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: decoded.map { $0.scalar })
        return String(scalars)
    }

    /// A template of decoded characters whose text ends at `end` in the file.
    static func template(file: String, name: String, decoded: [Char], end: FilePlace, isSMS: Bool,
                         placeholders: [PlaceholderSyntax], locale: String?, branch: String? = nil) -> Template {
        var places = decoded.map { $0.place }
        places.append(end)
        var lineStarts = [0]
        for (i, c) in decoded.enumerated() where c.scalar == "\n" { lineStarts.append(i + 1) }
        var t = Template(file: file, name: name, text: string(decoded), origin: .scattered(places: places, lineStarts: lineStarts),
                         isSMS: isSMS, placeholders: placeholders)
        t.locale = locale
        t.branch = branch
        return t
    }

    /// The place just past `c`.
    static func after(_ c: Char) -> FilePlace { FilePlace(line: c.place.line, column: c.place.column + 1) }

    /// The file's text: UTF-16 with a byte-order mark (as Apple `.strings` files may be), else UTF-8.
    static func decode(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        return String(data: data, encoding: .utf8)
    }
}
