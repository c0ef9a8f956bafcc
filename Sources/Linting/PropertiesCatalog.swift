import Foundation
import Matching

/// A Java `.properties` catalog, read as `java.util.Properties.load` does: comments, `key=value`,
/// `key: value` and `key value`, continuation lines, `\uXXXX` and the other escapes. Each key
/// names a template; positions map through escapes and continuations to the file.
struct PropertiesCatalog {
    let file: String
    let allSMS: Bool

    /// One source character with its file place.
    typealias Char = (scalar: Unicode.Scalar, place: FilePlace)

    /// The file's text: UTF-8 when it is valid UTF-8, otherwise ISO-8859-1, as resource bundles read it.
    static func decode(_ data: Data) -> String {
        String(data: data, encoding: .utf8) ?? String(decoding: data.map { UInt16($0) }, as: UTF16.self)
    }

    /// The templates of `text`, in file order.
    func templates(_ text: String) -> [Template] {
        var out: [Template] = []
        for logical in Self.logicalLines(text) {
            let (key, value) = Self.split(logical)
            guard !key.isEmpty else { continue }
            let decoded = Self.unescape(value)
            var places = decoded.map { $0.place }
            places.append(Self.endPlace(value, logical))
            var lineStarts = [0]
            for (i, c) in decoded.enumerated() where c.scalar == "\n" { lineStarts.append(i + 1) }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: decoded.map { $0.scalar })
            out.append(Template(file: file, name: String(String.UnicodeScalarView(Self.unescape(key).map { $0.scalar })),
                                text: String(scalars), origin: .scattered(places: places, lineStarts: lineStarts),
                                isSMS: allSMS, placeholders: TemplateFormats.properties))
        }
        return out
    }

    /// The place just past a value: after its last character, or where it would start.
    static func endPlace(_ value: [Char], _ logical: [Char]) -> FilePlace {
        if let last = value.last ?? logical.last { return FilePlace(line: last.place.line, column: last.place.column + 1) }
        return FilePlace(line: 1, column: 1)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{0C}" }

    /// Logical lines: comments and blank lines dropped; a line ending in an odd number of
    /// backslashes joined with the next, that line's leading white space dropped.
    static func logicalLines(_ text: String) -> [[Char]] {
        var natural: [[Char]] = [[]]
        var line = 1, column = 1
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = s == "\r"
            if s == "\n" || s == "\r" {
                natural.append([]); line += 1; column = 1
                continue
            }
            if line == 1 && column == 1 && s == "\u{FEFF}" { continue }
            natural[natural.count - 1].append((s, FilePlace(line: line, column: column)))
            column += 1
        }
        var out: [[Char]] = []
        var current: [Char]? = nil
        for raw in natural {
            let trimmed = Array(raw.drop { isSpace($0.scalar) })
            if current == nil {
                guard let first = trimmed.first, first.scalar != "#", first.scalar != "!" else { continue }
                current = []
            } else if trimmed.isEmpty {
                out.append(current!); current = nil
                continue
            }
            var body = trimmed
            let backslashes = body.reversed().prefix { $0.scalar == "\\" }.count
            let continues = backslashes % 2 == 1
            if continues { body.removeLast() }
            current! += body
            if !continues { out.append(current!); current = nil }
        }
        if let current { out.append(current) }
        return out
    }

    /// The key and the raw value of a logical line.
    static func split(_ line: [Char]) -> (key: [Char], value: [Char]) {
        var i = 0
        while i < line.count {
            let s = line[i].scalar
            if s == "\\" { i += 2; continue }
            if s == "=" || s == ":" || isSpace(s) { break }
            i += 1
        }
        let key = Array(line[..<min(i, line.count)])
        while i < line.count, isSpace(line[i].scalar) { i += 1 }
        if i < line.count, line[i].scalar == "=" || line[i].scalar == ":" { i += 1 }
        while i < line.count, isSpace(line[i].scalar) { i += 1 }
        return (key, i < line.count ? Array(line[i...]) : [])
    }

    /// Escapes decoded; each character keeps the place of the escape it came from.
    static func unescape(_ raw: [Char]) -> [Char] {
        var out: [Char] = []
        var pendingHigh: (UInt16, FilePlace)? = nil
        var i = 0
        while i < raw.count {
            let c = raw[i]
            guard c.scalar == "\\", i + 1 < raw.count else { out.append(c); i += 1; continue }
            let e = raw[i + 1].scalar
            switch e {
            case "t": out.append(("\t", c.place)); i += 2
            case "n": out.append(("\n", c.place)); i += 2
            case "r": out.append(("\r", c.place)); i += 2
            case "f": out.append(("\u{0C}", c.place)); i += 2
            case "u":
                let hex = String(String.UnicodeScalarView(raw[min(i + 2, raw.count)..<min(i + 6, raw.count)].map { $0.scalar }))
                guard hex.count == 4, let unit = UInt16(hex, radix: 16) else { out.append(("u", c.place)); i += 2; continue }
                i += 6
                if UTF16.isLeadSurrogate(unit) { pendingHigh = (unit, c.place); continue }
                if UTF16.isTrailSurrogate(unit), let high = pendingHigh {
                    let value = 0x10000 + ((UInt32(high.0) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                    if let s = Unicode.Scalar(value) { out.append((s, high.1)) }
                    pendingHigh = nil
                    continue
                }
                out.append((Unicode.Scalar(unit) ?? "\u{FFFD}", c.place))
            default: out.append((e, c.place)); i += 2
            }
        }
        return out
    }
}
