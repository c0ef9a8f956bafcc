import Foundation
import Matching

/// A gettext catalog: in a `.po` file each translated `msgstr` (each plural form `msgstr[n]`)
/// is a template; in a `.pot` file each `msgid` and `msgid_plural`. Entries are named by their
/// `msgid` (with `msgctxt|` before it when they have a context); the header entry and obsolete
/// `#~` entries are skipped; a `fuzzy` entry is linted and named so. Placeholders follow each
/// entry's flags (`c-format`, `python-format`, `python-brace-format`); the locale is the
/// header's `Language:`, else the path's.
struct GettextCatalog {
    typealias Char = SourceChars.Char

    let file: String
    let allSMS: Bool

    /// One entry while reading.
    struct Entry {
        var flags: [String] = []
        var context: [Char]?
        var id: [Char]?
        var idPlural: [Char]?
        var strings: [(index: Int, text: [Char], end: FilePlace)] = []
        var idEnd = FilePlace(line: 1, column: 1), idPluralEnd = FilePlace(line: 1, column: 1)
        var obsolete = false
    }

    /// The keyword whose strings the next continuation lines extend.
    enum Field { case context, id, idPlural, string(Int) }

    func templates(_ text: String) throws(LintError) -> [Template] {
        let entries = try read(SourceChars(text).chars)
        let isTemplate = file.lowercased().hasSuffix(".pot")
        var locale = TemplateLocale.fromPath(file)
        if let header = entries.first(where: { $0.id?.isEmpty == true && $0.context == nil }),
           let text = header.strings.first.map({ SourceChars.string($0.text) }),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Language:") }),
           let tag = TemplateLocale.tag(line.dropFirst(9).trimmingCharacters(in: .whitespaces)) {
            locale = tag
        }
        var out: [Template] = []
        for e in entries where !e.obsolete {
            guard let id = e.id, !id.isEmpty || e.context != nil else { continue }
            var name = e.context.map { SourceChars.string($0) + "|" } ?? ""
            name += SourceChars.string(id)
            if e.flags.contains("fuzzy") { name += " (fuzzy)" }
            let syntaxes = Self.syntaxes(e.flags)
            let sms = allSMS
            if isTemplate {
                out.append(SourceChars.template(file: file, name: name, decoded: id, end: e.idEnd, isSMS: sms, placeholders: syntaxes,
                                                locale: nil))
                if let plural = e.idPlural {
                    out.append(SourceChars.template(file: file, name: name + "[plural]", decoded: plural, end: e.idPluralEnd, isSMS: sms,
                                                    placeholders: syntaxes, locale: nil, branch: "msgid_plural"))
                }
                continue
            }
            let plural = e.idPlural != nil
            for s in e.strings where !s.text.isEmpty {
                out.append(SourceChars.template(file: file, name: plural ? "\(name)[\(s.index)]" : name, decoded: s.text, end: s.end,
                                                isSMS: sms, placeholders: syntaxes, locale: locale,
                                                branch: plural ? "msgstr[\(s.index)]" : nil))
            }
        }
        return out
    }

    /// The placeholder syntaxes an entry's flags declare, beside Mustache.
    static func syntaxes(_ flags: [String]) -> [PlaceholderSyntax] {
        var out: [PlaceholderSyntax] = [.mustache]
        if flags.contains("c-format") || flags.contains("objc-format") { out.append(.printf) }
        if flags.contains("python-format") { out += [.pythonPercent, .printf] }
        if flags.contains("python-brace-format") { out.append(.python) }
        if flags.contains("java-format") { out.append(.java) }
        return out
    }

    /// The entries of the file, in order.
    func read(_ chars: [Char]) throws(LintError) -> [Entry] {
        var lines: [[Char]] = [[]]
        for c in chars {
            if c.scalar == "\n" { lines.append([]) } else if c.scalar != "\r" { lines[lines.count - 1].append(c) }
        }
        var entries: [Entry] = []
        var current = Entry()
        var field: Field?
        var started = false
        func finish() {
            if started { entries.append(current) }
            current = Entry(); field = nil; started = false
        }
        for raw in lines {
            var line = Array(raw.drop { $0.scalar == " " || $0.scalar == "\t" })
            guard let first = line.first else { finish(); continue }
            if first.scalar == "#" {
                let second = line.count > 1 ? line[1].scalar : " "
                if second == "~" {
                    // An obsolete entry: kept out, whatever follows.
                    if started, !current.obsolete, !current.strings.isEmpty { finish() }
                    current.obsolete = true; started = true
                    continue
                }
                if second == "," {
                    if started && !current.strings.isEmpty { finish() }
                    current.flags += SourceChars.string(Array(line.dropFirst(2))).split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespaces) }
                }
                continue
            }
            if first.scalar == "\"" {
                guard let f = field else { throw error(first.place, "a string with no keyword before it; start the entry with msgid") }
                let (text, end) = try string(line, from: 0)
                append(text, end: end, to: f, in: &current)
                continue
            }
            let keyword = String(String.UnicodeScalarView(line.prefix { $0.scalar != " " && $0.scalar != "\t" && $0.scalar != "\"" }.map { $0.scalar }))
            line = Array(line.dropFirst(keyword.unicodeScalars.count).drop { $0.scalar == " " || $0.scalar == "\t" })
            guard let open = line.first, open.scalar == "\"" else {
                throw error(first.place, "`\(keyword)` must be followed by a quoted string")
            }
            let (text, end) = try string(line, from: 0)
            switch keyword {
            case "msgctxt":
                if started && (current.id != nil || !current.strings.isEmpty) { finish() }
                current.context = text; field = .context
            case "msgid":
                if started && (current.id != nil || !current.strings.isEmpty) { finish() }
                current.id = text; current.idEnd = end; field = .id
            case "msgid_plural":
                current.idPlural = text; current.idPluralEnd = end; field = .idPlural
            case "msgstr":
                current.strings.append((0, text, end)); field = .string(current.strings.count - 1)
            default:
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let n = Int(keyword.dropFirst(7).dropLast()) else {
                    throw error(first.place, "unknown keyword `\(keyword)`; a .po entry has msgctxt, msgid, msgid_plural and msgstr or msgstr[N]")
                }
                current.strings.append((n, text, end)); field = .string(current.strings.count - 1)
            }
            started = true
        }
        finish()
        return entries
    }

    func append(_ text: [Char], end: FilePlace, to field: Field, in e: inout Entry) {
        switch field {
        case .context: e.context = (e.context ?? []) + text
        case .id: e.id = (e.id ?? []) + text; e.idEnd = end
        case .idPlural: e.idPlural = (e.idPlural ?? []) + text; e.idPluralEnd = end
        case .string(let k): e.strings[k].text += text; e.strings[k].end = end
        }
    }

    /// A C string literal at `line[from]`: its characters, each at the place of the escape it
    /// came from, and the place of the closing quote.
    func string(_ line: [Char], from: Int) throws(LintError) -> ([Char], FilePlace) {
        var out: [Char] = []
        var i = from + 1
        while i < line.count {
            let c = line[i]
            if c.scalar == "\"" { return (out, c.place) }
            guard c.scalar == "\\", i + 1 < line.count else { out.append(c); i += 1; continue }
            let e = line[i + 1].scalar
            let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "\"": "\"", "\\": "\\", "a": "\u{07}",
                                                            "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}", "'": "'", "?": "?"]
            if let s = simple[e] { out.append((s, c.place)); i += 2; continue }
            throw error(c.place, "unknown escape `\\\(e)`; write a backslash as \\\\")
        }
        throw error(line[from].place, "this string is not closed; end it with \" on the same line")
    }

    func error(_ place: FilePlace, _ reason: String) -> LintError {
        .invalidCatalog(path: file, line: place.line, column: place.column, reason: reason)
    }
}
