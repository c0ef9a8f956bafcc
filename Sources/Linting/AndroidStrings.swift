import Matching

/// An Android resource file (`res/values-es/strings.xml`): each `<string name>` is a template,
/// each `<item quantity>` of a `<plurals>` and each `<item>` of a `<string-array>` too. Text is
/// read as Android does: XML entities and CDATA, then its escapes (`\'`, `\"`, `\n`, `\uXXXX`),
/// double quotes that keep white space, other runs of white space as one space, and markup such
/// as `<b>` or `<xliff:g>` left out with its text kept. The locale is the folder's qualifier.
struct AndroidStrings {
    typealias Char = SourceChars.Char

    let file: String
    let allSMS: Bool

    /// The default syntaxes of Android resources: printf `%1$s`, `%d`, and `{{name}}`.
    static let syntaxes: [PlaceholderSyntax] = [.mustache, .printf]

    /// An element being read for its text.
    struct Open {
        var name: String
        var key: String
        var branch: String?
        var raw: [(Char, Bool)] = []
    }

    func templates(_ text: String) throws(LintError) -> [Template] {
        let chars = SourceChars(text).chars
        let locale = TemplateLocale.fromPath(file)
        var out: [Template] = []
        var stack: [String] = []
        var group: (kind: String, name: String, count: Int)?
        var open: Open?
        var sawResources = false
        var i = 0
        func starts(_ s: String, _ at: Int) -> Bool {
            let u = Array(s.unicodeScalars)
            return at + u.count <= chars.count && (0..<u.count).allSatisfy { chars[at + $0].scalar == u[$0] }
        }
        func skip(to end: String, from at: Int, what: String) throws(LintError) -> Int {
            var j = at
            while j < chars.count && !starts(end, j) { j += 1 }
            guard j < chars.count else { throw error(chars[at].place, "\(what) is not closed with `\(end)`") }
            return j + end.unicodeScalars.count
        }
        while i < chars.count {
            let c = chars[i]
            if starts("<!--", i) { i = try skip(to: "-->", from: i, what: "this comment"); continue }
            if starts("<![CDATA[", i) {
                let end = try skip(to: "]]>", from: i, what: "this CDATA section")
                open?.raw += chars[(i + 9)..<(end - 3)].map { c -> (Char, Bool) in (c, true) }
                i = end; continue
            }
            if starts("<?", i) { i = try skip(to: "?>", from: i, what: "this processing instruction"); continue }
            if starts("<!", i) { i = try skip(to: ">", from: i, what: "this declaration"); continue }
            if c.scalar == "<" {
                let end = try skip(to: ">", from: i, what: "this tag")
                let tag = Array(chars[(i + 1)..<(end - 1)])
                let closing = tag.first?.scalar == "/"
                let selfClosing = tag.last?.scalar == "/"
                let body = Array(tag.dropFirst(closing ? 1 : 0).dropLast(selfClosing ? 1 : 0))
                let name = SourceChars.string(Array(body.prefix { !" \t\r\n".unicodeScalars.contains($0.scalar) }))
                let attributes = Self.attributes(SourceChars.string(body))
                if closing {
                    guard stack.last == name else {
                        throw error(c.place, "`</\(name)>` closes nothing open" + (stack.last.map { "; `<\($0)>` is still open" } ?? ""))
                    }
                    stack.removeLast()
                    if let o = open, o.name == name, stack.count == (group == nil ? 1 : 2) {
                        let (decoded, endPlace) = Self.unescape(o.raw, end: c.place)
                        out.append(SourceChars.template(file: file, name: o.key,
                                                        decoded: decoded, end: endPlace, isSMS: allSMS, placeholders: Self.syntaxes,
                                                        locale: locale, branch: group?.kind == "plurals" ? o.branch : nil))
                        open = nil
                    }
                    if group != nil && stack.count == 1 { group = nil }
                } else {
                    if stack.isEmpty {
                        guard name == "resources" else {
                            throw error(c.place, "an Android resource file has <resources> at its root, not <\(name)>")
                        }
                        sawResources = true
                    } else if open == nil && !selfClosing {
                        if stack.count == 1, name == "string" {
                            open = Open(name: name, key: attributes["name"] ?? "?", branch: nil)
                        } else if stack.count == 1, ["plurals", "string-array", "array"].contains(name) {
                            group = (name, attributes["name"] ?? "?", 0)
                        } else if stack.count == 2, name == "item", let g = group {
                            let branch = g.kind == "plurals" ? attributes["quantity"] ?? "?" : "\(g.count)"
                            open = Open(name: name, key: "\(g.name)[\(branch)]", branch: branch)
                            group?.count += 1
                        }
                    }
                    if !selfClosing { stack.append(name) }
                }
                i = end; continue
            }
            if open != nil { open?.raw.append((c, false)) }
            i += 1
        }
        guard sawResources else { throw error(FilePlace(line: 1, column: 1), "no <resources> element; is this an Android strings file?") }
        return out
    }

    func error(_ place: FilePlace, _ reason: String) -> LintError {
        .invalidCatalog(path: file, line: place.line, column: place.column, reason: reason)
    }
}
