/// A way templates write placeholders.
public enum PlaceholderSyntax: String, Sendable, CaseIterable, Hashable {
    /// Mustache and Handlebars `{{name}}`, `{{{link}}}`, sections, comments; Jinja `{{ x | f }}`.
    case mustache
    /// Jinja statements and comments: `{% if x %}`, `{# note #}`.
    case jinja
    /// Rails i18n `%{name}` and `%<name>s`.
    case rails
    /// ICU MessageFormat `{name}`, `{n, number}`, and `plural`/`select`/`selectordinal` arguments.
    case icu
    /// Java MessageFormat `{0}`, `{0,number,integer}`.
    case java
    /// Python `str.format` `{name}`, `{0}`, `{}`, `{user.name!r:>10}`.
    case python
    /// Python `%(name)s`.
    case pythonPercent = "python-percent"
    /// C printf `%s`, `%d`, `%1$s`, `%.2f`.
    case printf
    /// Apple format specifiers `%@`, `%lld`, `%1$@`, `%#@name@`.
    case apple
    /// GOV.UK Notify `((name))` and `((name??text))`.
    case notify
    /// JavaScript template literal `${expr}`.
    case dollar
    /// i18next nesting `$t(key)` and `$t(key, {"count": 2})`: another entry's text, by key.
    case i18next

    /// An example of the syntax, for listings.
    public var example: String {
        switch self {
        case .mustache: "{{name}} {{#x}}…{{/x}} {{^x}}…{{/x}} {{! note }}"
        case .jinja: "{% if x %}…{% else %}…{% endif %} {# note #}"
        case .rails: "%{name} %<amount>.2f"
        case .icu: "{name} {n, plural, one {# visit} other {# visits}}"
        case .java: "{0} {1,number,integer}"
        case .python: "{name} {0} {user.name!s:>10}"
        case .pythonPercent: "%(name)s"
        case .printf: "%s %d %1$s %.2f"
        case .apple: "%@ %lld %1$@ %#@count@"
        case .notify: "((name)) ((name??text))"
        case .dollar: "${name}"
        case .i18next: "$t(key) $t(ns:key, {\"count\": 2})"
        }
    }
}

/// One placeholder of a template: where it is, in bytes, and the value it names.
public struct Placeholder: Sendable, Equatable {
    /// Byte range of the placeholder (or of the tag part of a branching one), delimiters included.
    public var range: Range<Int>
    /// The value it names (`first_name`, `0`), or nil for tags that render no value (sections,
    /// comments, branch selectors, closing braces).
    public var name: String?
    /// The syntax it is written in.
    public var syntax: PlaceholderSyntax
}

/// Finds template placeholders. A span counts only if its inside is a name or expression of its
/// syntax, so `{bit.ly/x}` stays text. Branching placeholders (ICU `plural`/`select`, Notify
/// `((x??text))`) yield their tags only: the text of each branch stays text, to be checked.
public enum Placeholders {
    /// Byte ranges of every Mustache placeholder in `text`, braces included.
    public static func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        find(in: text, syntaxes: [.mustache]).map(\.range)
    }

    /// The syntaxes whose placeholders are never meant to reach a patient, and are unlike
    /// ordinary text: `{{…}}`, `%{…}`, `((…))` and `${…}`.
    public static let unmistakable: [PlaceholderSyntax] = [.mustache, .rails, .notify, .dollar]

    /// Every placeholder of the given syntaxes in `text`, in order, not overlapping.
    public static func find(in text: UnsafeBufferPointer<UInt8>, syntaxes: [PlaceholderSyntax]) -> [Placeholder] {
        var scanner = PlaceholderScanner(bytes: text, syntaxes: Set(syntaxes))
        scanner.scan(from: 0, until: text.count, branchDepth: 0)
        return scanner.found
    }

    /// `find` over a string.
    public static func find(in text: String, syntaxes: [PlaceholderSyntax]) -> [Placeholder] {
        var copy = text
        return copy.withUTF8 { find(in: $0, syntaxes: syntaxes) }
    }
}

/// The scanner behind `Placeholders.find`: one pass, each syntax tried where its first byte is.
struct PlaceholderScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let syntaxes: Set<PlaceholderSyntax>
    var found: [Placeholder] = []
    /// Mustache delimiters other than `{{ }}`, set by a `{{=<% %>=}}` tag.
    var delimiters: (open: [UInt8], close: [UInt8])?
    /// ICU's apostrophe quoting (`'{'` and `'{name}'` are text, `''` an apostrophe): for ICU
    /// messages, not for `.properties` text read as Java and ICU at once.
    let quoting: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, syntaxes: Set<PlaceholderSyntax>) {
        self.bytes = bytes
        self.syntaxes = syntaxes
        quoting = syntaxes.contains(.icu) && !syntaxes.contains(.java)
    }

    /// Scans `from..<until`; `pluralBranch` makes `#` the number, as in an ICU plural branch.
    mutating func scan(from: Int, until: Int, branchDepth: Int, pluralBranch: Bool = false) {
        var i = from
        while i < until {
            let b = bytes[i]
            var end: Int? = nil
            if let d = delimiters, starts(d.open, at: i, until) {
                i = customMustache(i, until, d) ?? i + 1
                continue
            }
            if quoting, b == 0x27, let after = quotedEnd(i, until, pluralBranch: pluralBranch) {
                i = after
                continue
            }
            switch b {
            case 0x7B: // {
                if syntaxes.contains(.mustache), delimiters == nil { end = mustache(i, until) }
                if end == nil, syntaxes.contains(.jinja) { end = jinja(i, until) }
                if end == nil, syntaxes.contains(.icu) || syntaxes.contains(.java) { end = icu(i, until, depth: branchDepth) }
                if end == nil, syntaxes.contains(.python) { end = python(i, until) }
            case 0x25: // %
                if i + 1 < until, bytes[i + 1] == 0x25 { i += 2; continue }
                if syntaxes.contains(.rails) { end = rails(i, until) }
                if end == nil, syntaxes.contains(.pythonPercent) { end = pythonPercent(i, until) }
                if end == nil, syntaxes.contains(.apple) { end = printf(i, until, apple: true) }
                if end == nil, syntaxes.contains(.printf) { end = printf(i, until, apple: false) }
            case 0x28: // (
                if syntaxes.contains(.notify) { end = notify(i, until) }
            case 0x24: // $
                if syntaxes.contains(.dollar) { end = dollar(i, until) }
                if end == nil, syntaxes.contains(.i18next) { end = nesting(i, until) }
            case 0x23 where pluralBranch: // # in a plural branch
                found.append(Placeholder(range: i..<i + 1, name: "#", syntax: .icu))
                end = i + 1
            default:
                break
            }
            i = end ?? i + 1
        }
    }

    // MARK: Helpers

    func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
    func at(_ i: Int, _ until: Int, _ b: UInt8) -> Bool { i < until && bytes[i] == b }
    func skipSpaces(_ i: Int, _ until: Int) -> Int {
        var j = i
        while j < until, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
        return j
    }
    static func isWord(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }
    func word(_ i: Int, _ until: Int) -> Int {
        var j = i
        while j < until, Self.isWord(bytes[j]) { j += 1 }
        return j
    }
    /// The first index of `close` (two bytes) at or after `i`, or nil.
    func find(_ a: UInt8, _ b: UInt8, from i: Int, _ until: Int) -> Int? {
        var j = i
        while j + 1 < until { if bytes[j] == a && bytes[j + 1] == b { return j }; j += 1 }
        return nil
    }
    /// The index of the `}` that balances the `{` just before `i`, or nil.
    func balanced(_ i: Int, _ until: Int) -> Int? {
        var depth = 1, j = i
        while j < until {
            if quoting, bytes[j] == 0x27, let after = quotedEnd(j, until, pluralBranch: true) { j = after; continue }
            if bytes[j] == 0x7B { depth += 1 } else if bytes[j] == 0x7D { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return nil
    }

    /// Whether `bytes` at `i` start with `s`.
    func starts(_ s: [UInt8], at i: Int, _ until: Int) -> Bool {
        guard i + s.count <= until else { return false }
        for k in s.indices where bytes[i + k] != s[k] { return false }
        return true
    }

    /// After an ICU quoted span at `i`: `''` (an apostrophe), or `'` before `{`, `}` or a plural
    /// `#`, up to the next single `'` (or the end); nil when the apostrophe is plain text.
    func quotedEnd(_ i: Int, _ until: Int, pluralBranch: Bool) -> Int? {
        guard i + 1 < until else { return nil }
        let next = bytes[i + 1]
        if next == 0x27 { return i + 2 }
        guard next == 0x7B || next == 0x7D || (pluralBranch && next == 0x23) else { return nil }
        var j = i + 1
        while j < until {
            if bytes[j] == 0x27 {
                if j + 1 < until, bytes[j + 1] == 0x27 { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return until
    }

    // MARK: Syntaxes

    /// A Mustache tag in delimiters set by `{{=<% %>=}}`; a further set-delimiter tag changes them again.
    mutating func customMustache(_ i: Int, _ until: Int, _ d: (open: [UInt8], close: [UInt8])) -> Int? {
        var j = i + d.open.count
        while j < until, !starts(d.close, at: j, until) { j += 1 }
        guard j < until else { return nil }
        let end = j + d.close.count
        let inside = text((i + d.open.count)..<j).placeholderTrimmed
        var name: String? = nil
        if inside.hasPrefix("="), inside.hasSuffix("="), inside.count > 2 {
            setDelimiters(String(inside.dropFirst().dropLast()))
        } else if let sigil = inside.first, !"#^/!>=".contains(sigil) {
            let head = inside.drop { $0 == "&" || $0 == " " }.split(separator: " ").first.map(String.init) ?? ""
            name = head.isEmpty || head == "else" ? nil : head
        }
        found.append(Placeholder(range: i..<end, name: name, syntax: .mustache))
        return end
    }

    /// New delimiters from the inside of a set-delimiter tag (`<% %>`); `{{ }}` restores the default.
    mutating func setDelimiters(_ inside: String) {
        let parts = inside.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return }
        let open = Array(parts[0].utf8), close = Array(parts[1].utf8)
        delimiters = open == Array("{{".utf8) && close == Array("}}".utf8) ? nil : (open, close)
    }

    mutating func mustache(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x7B), let close = find(0x7D, 0x7D, from: i + 2, until) else { return nil }
        var end = close + 2
        let triple = at(i + 2, until, 0x7B)
        if triple && at(end, until, 0x7D) { end += 1 }
        var inside = Substring(text((i + (triple ? 3 : 2))..<close))
        inside = inside.drop { $0 == " " || $0 == "-" || $0 == "~" }
        var name: String? = nil
        if inside.first == "=", !triple {
            // {{=<% %>=}}: the tags that follow use these delimiters.
            let body = inside.dropFirst().placeholderTrimmedSubstring
            if body.hasSuffix("=") { setDelimiters(String(body.dropLast())) }
        } else if let sigil = inside.first, !"#^/!>=".contains(sigil) {
            if sigil == "&" { inside = inside.dropFirst() }
            let head = inside.split(whereSeparator: { $0 == "|" || $0 == " " || $0 == "," || $0 == "~" }).first.map(String.init) ?? ""
            name = head.isEmpty || head == "else" ? nil : head
        }
        found.append(Placeholder(range: i..<end, name: name, syntax: .mustache))
        return end
    }

    mutating func jinja(_ i: Int, _ until: Int) -> Int? {
        guard i + 1 < until else { return nil }
        let kind = bytes[i + 1]
        guard kind == 0x25 || kind == 0x23, let close = find(kind, 0x7D, from: i + 2, until) else { return nil }
        found.append(Placeholder(range: i..<close + 2, name: nil, syntax: .jinja))
        return close + 2
    }

    mutating func rails(_ i: Int, _ until: Int) -> Int? {
        if at(i + 1, until, 0x7B) {
            var j = i + 2
            while j < until, Self.isWord(bytes[j]) || bytes[j] == 0x7C { j += 1 }
            guard j > i + 2, at(j, until, 0x7D) else { return nil }
            found.append(Placeholder(range: i..<j + 1, name: text(i + 2..<j), syntax: .rails))
            return j + 1
        }
        guard at(i + 1, until, 0x3C) else { return nil }
        let j = word(i + 2, until)
        guard j > i + 2, at(j, until, 0x3E), let end = conversion(j + 1, until, "bBdiouxXeEfgGcps") else { return nil }
        found.append(Placeholder(range: i..<end, name: text(i + 2..<j), syntax: .rails))
        return end
    }

    /// The end of `[flags][width][.precision][length]conv` starting at `i`, or nil.
    func conversion(_ i: Int, _ until: Int, _ convs: String, lengths: Bool = false) -> Int? {
        var j = i
        while j < until, "-+ 0#'".utf8.contains(bytes[j]) { j += 1 }
        while j < until, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2A { j += 1 }
        if at(j, until, 0x2E) {
            j += 1
            while j < until, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2A { j += 1 }
        }
        if lengths { while j < until, "hlLqjzt".utf8.contains(bytes[j]) { j += 1 } }
        guard j < until, convs.utf8.contains(bytes[j]) else { return nil }
        return j + 1
    }

    mutating func pythonPercent(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x28) else { return nil }
        let j = word(i + 2, until)
        guard j > i + 2, at(j, until, 0x29), let end = conversion(j + 1, until, "diouxXeEfFgGcrsa", lengths: true) else { return nil }
        found.append(Placeholder(range: i..<end, name: text(i + 2..<j), syntax: .pythonPercent))
        return end
    }

    mutating func printf(_ i: Int, _ until: Int, apple: Bool) -> Int? {
        var j = i + 1
        var position: String? = nil
        let digits = j
        while j < until, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
        if j > digits, at(j, until, 0x24) { position = text(digits..<j); j += 1 } else { j = digits }
        if apple, at(j, until, 0x23), at(j + 1, until, 0x40) {
            // %#@name@: a substitution (plural variable) of a String Catalog or stringsdict.
            let e = word(j + 2, until)
            guard e > j + 2, at(e, until, 0x40) else { return nil }
            found.append(Placeholder(range: i..<e + 1, name: text(j + 2..<e), syntax: .apple))
            return e + 1
        }
        guard let end = conversion(j, until, apple ? "diouxXeEfFgGaAcsSp@" : "diouxXeEfFgGaAcsp", lengths: true) else { return nil }
        found.append(Placeholder(range: i..<end, name: position, syntax: apple ? .apple : .printf))
        return end
    }

    mutating func notify(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x28) else { return nil }
        var j = i + 2
        while j < until, bytes[j] != 0x28 && bytes[j] != 0x29 { j += 1 }
        guard j > i + 2, at(j, until, 0x29), at(j + 1, until, 0x29) else { return nil }
        if let q = find(0x3F, 0x3F, from: i + 2, j) {
            // ((name??text)): the text shows when the value says so; it stays text to check.
            found.append(Placeholder(range: i..<q + 2, name: text(i + 2..<q), syntax: .notify))
            found.append(Placeholder(range: j..<j + 2, name: nil, syntax: .notify))
        } else {
            found.append(Placeholder(range: i..<j + 2, name: text(i + 2..<j), syntax: .notify))
        }
        return j + 2
    }

    mutating func dollar(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x7B), let close = balanced(i + 2, until), close > i + 2 else { return nil }
        let inside = text(i + 2..<close).placeholderTrimmed
        guard !inside.isEmpty, !inside.contains("\n") else { return nil }
        found.append(Placeholder(range: i..<close + 1, name: inside, syntax: .dollar))
        return close + 1
    }

    mutating func python(_ i: Int, _ until: Int) -> Int? {
        var j = word(i + 1, until)
        // Attribute and index parts: .attr, [key].
        while j < until {
            if bytes[j] == 0x2E, j > i + 1 { let e = word(j + 1, until); guard e > j + 1 else { return nil }; j = e; continue }
            if bytes[j] == 0x5B { var e = j + 1; while e < until, bytes[e] != 0x5D, bytes[e] != 0x7D { e += 1 }
                guard at(e, until, 0x5D) else { return nil }; j = e + 1; continue }
            break
        }
        let nameEnd = j
        if at(j, until, 0x21) { guard j + 1 < until, "rsa".utf8.contains(bytes[j + 1]) else { return nil }; j += 2 }
        if at(j, until, 0x3A) {
            j += 1
            while j < until, bytes[j] != 0x7D, bytes[j] != 0x0A { if bytes[j] == 0x7B { return nil }; j += 1 }
        }
        guard at(j, until, 0x7D) else { return nil }
        let name = text(i + 1..<nameEnd)
        found.append(Placeholder(range: i..<j + 1, name: name.isEmpty ? nil : name, syntax: .python))
        return j + 1
    }

    /// An ICU (or Java) MessageFormat argument; `plural`, `select` and `selectordinal` yield
    /// their tags and leave each branch's text to be scanned as text.
    mutating func icu(_ i: Int, _ until: Int, depth: Int) -> Int? {
        var j = skipSpaces(i + 1, until)
        let nameStart = j
        j = word(j, until)
        guard j > nameStart else { return nil }
        let name = text(nameStart..<j)
        let numbered = name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if !syntaxes.contains(.icu) && !numbered { return nil }
        let syntax: PlaceholderSyntax = syntaxes.contains(.icu) ? .icu : .java
        j = skipSpaces(j, until)
        if at(j, until, 0x7D) {
            found.append(Placeholder(range: i..<j + 1, name: name, syntax: syntax))
            return j + 1
        }
        guard at(j, until, 0x2C) else { return nil }
        j = skipSpaces(j + 1, until)
        let typeStart = j
        j = word(j, until)
        let type = text(typeStart..<j).lowercased()
        guard !type.isEmpty else { return nil }
        j = skipSpaces(j, until)
        if at(j, until, 0x7D) {
            found.append(Placeholder(range: i..<j + 1, name: name, syntax: syntax))
            return j + 1
        }
        guard at(j, until, 0x2C) else { return nil }
        guard ["plural", "select", "selectordinal"].contains(type), depth < 8 else {
            guard let close = balanced(j + 1, until) else { return nil }
            found.append(Placeholder(range: i..<close + 1, name: name, syntax: syntax))
            return close + 1
        }
        let kept = found.count
        found.append(Placeholder(range: i..<j + 1, name: nil, syntax: syntax))
        var k = j + 1
        while true {
            k = skipSpaces(k, until)
            guard k < until else { found.removeLast(found.count - kept); return nil }
            if bytes[k] == 0x7D {
                found.append(Placeholder(range: k..<k + 1, name: nil, syntax: syntax))
                return k + 1
            }
            let selectorStart = k
            while k < until, bytes[k] != 0x7B, bytes[k] != 0x7D, bytes[k] != 0x20, bytes[k] != 0x0A { k += 1 }
            let selector = text(selectorStart..<k)
            if selector.hasPrefix("offset:") {
                found.append(Placeholder(range: selectorStart..<k, name: nil, syntax: syntax))
                continue
            }
            let open = skipSpaces(k, until)
            guard !selector.isEmpty, at(open, until, 0x7B), let close = balanced(open + 1, until) else {
                found.removeLast(found.count - kept); return nil
            }
            found.append(Placeholder(range: selectorStart..<open + 1, name: nil, syntax: syntax))
            scan(from: open + 1, until: close, branchDepth: depth + 1, pluralBranch: type != "select")
            found.append(Placeholder(range: close..<close + 1, name: nil, syntax: syntax))
            k = close + 1
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    var placeholderTrimmedSubstring: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var placeholderTrimmed: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
