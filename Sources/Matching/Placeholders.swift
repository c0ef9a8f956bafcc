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
}
