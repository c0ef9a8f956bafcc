// Public Suffix List lookups (https://publicsuffix.org/list/), using the standard matching algorithm.

/// The Public Suffix List: which domain suffixes are public (such as `com` or `co.uk`) and so cannot be registered.
public struct PublicSuffixList: Sendable {
    /// The list parsed once from the embedded copy of the Mozilla Public Suffix List.
    public static let shared = PublicSuffixList(rules: embeddedRules)

    /// Flags stored per suffix node. A node with no flags is an intermediate suffix of some longer rule.
    private struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The suffix itself is a normal rule.
        static var rule: Flags { Flags(rawValue: 1) }
        /// `*.suffix` is a rule: any one label in front of the suffix is public.
        static var wildcard: Flags { Flags(rawValue: 2) }
        /// `!suffix` is an exception rule: the suffix minus its first label is public.
        static var exception: Flags { Flags(rawValue: 4) }
    }

    /// Every suffix of every rule (with the `*.` / `!` markers removed), mapped to its flags.
    private let nodes: [Substring: Flags]
    /// Top-level rules of up to eight ASCII letters (`com`, `uk`, `museum`), packed into integers
    /// so that the common question "is this word a top-level domain?" needs no string.
    private let packedTopLevel: Set<UInt64>

    /// Parses rules in PSL syntax, one per line: normal (`co.uk`), wildcard (`*.ck`) or exception (`!www.ck`).
    /// Lines starting with `//` and blank lines are ignored; only the first whitespace-separated token of a line counts.
    /// Rules are expected in lowercase with Unicode (not `xn--`) labels, as the published list is.
    public init(rules: String) {
        var nodes: [Substring: Flags] = [:]
        nodes.reserveCapacity(16_384)
        let utf8 = rules.utf8
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? utf8.endIndex
            let tokenEnd = utf8[lineStart..<lineEnd].firstIndex { $0 == 0x20 || $0 == 0x09 } ?? lineEnd
            let token = rules[lineStart..<tokenEnd]
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if let (rule, flag) = Self.parse(token) { Self.insert(rule, flag, into: &nodes) }
        }
        self.nodes = nodes
        var packed: Set<UInt64> = []
        for (suffix, flags) in nodes where flags.contains(.rule) && !flags.contains(.exception) {
            if let key = Self.packedLabel(Array(suffix.utf8)[...]) { packed.insert(key) }
        }
        self.packedTopLevel = packed
    }

    /// Splits a rule token into its domain part and kind, or nil for comments, blanks and malformed rules.
    private static func parse(_ token: Substring) -> (Substring, Flags)? {
        var rule = token
        var flag = Flags.rule
        switch rule.utf8.first {
        case UInt8(ascii: "!"):
            rule = rule.dropFirst()
            flag = .exception
        case UInt8(ascii: "*"):
            guard rule.utf8.dropFirst().first == UInt8(ascii: ".") else { return nil }
            rule = rule.dropFirst(2)
            flag = .wildcard
        case UInt8(ascii: "/"), nil:
            return nil  // comment or blank line
        default:
            break
        }
        // Wildcards other than a leading "*." are not part of the PSL format.
        guard !rule.isEmpty,
              !rule.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "!") }) else { return nil }
        return (rule, flag)
    }

    /// Records `rule` with `flag`, and all of its parent suffixes as intermediate nodes.
    private static func insert(_ rule: Substring, _ flag: Flags, into nodes: inout [Substring: Flags]) {
        nodes[rule, default: []].insert(flag)
        var suffix = rule
        while let dot = suffix.utf8.firstIndex(of: UInt8(ascii: ".")) {
            suffix = suffix[suffix.utf8.index(after: dot)...]
            nodes[suffix, default: []].formUnion([])
        }
    }

    /// The public suffix of `host` by the PSL algorithm, or nil when only the implicit "*" rule matches (unknown TLD).
    /// - Parameter host: a canonical host (lowercase, Unicode labels, no trailing dot); see `HostName.canonical`.
    /// - Returns: a slice of `host`.
    public func publicSuffix(of host: Substring) -> Substring? {
        let utf8 = host.utf8
        var match: Substring.Index?
        var parentIsWildcard = false
        var end = utf8.endIndex
        // Walk labels right to left, extending the suffix one label at a time while it is a known node.
        while true {
            let dot = utf8[..<end].lastIndex(of: UInt8(ascii: "."))
            let start = dot.map { utf8.index(after: $0) } ?? utf8.startIndex
            let suffix = host[start...]
            let flags = nodes[suffix]
            if let flags, flags.contains(.exception) {
                // Exception rules prevail: the public suffix is the rule minus its leftmost label.
                return end == utf8.endIndex ? nil : host[utf8.index(after: end)...]
            }
            if parentIsWildcard && start < end { match = start }
            if let flags, flags.contains(.rule) { match = start }
            guard let flags, let dot else { break }
            parentIsWildcard = flags.contains(.wildcard)
            end = dot
        }
        return match.map { host[$0...] }
    }

    /// Whether one label (any case, ASCII letters) is a top-level rule of the list, as
    /// `publicSuffix(of: label) != nil` would say, without building a string for short labels.
    public func isTopLevel(_ label: UnsafeBufferPointer<UInt8>) -> Bool {
        if let key = Self.packedLabel(label[...]) { return packedTopLevel.contains(key) }
        let lower = String(decoding: label.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
        return publicSuffix(of: Substring(lower)) != nil
    }

    /// One to eight ASCII letters, lowercased and packed into an integer; nil for anything else.
    private static func packedLabel<C: Collection>(_ label: C) -> UInt64? where C.Element == UInt8 {
        guard !label.isEmpty, label.count <= 8 else { return nil }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for b in label {
            let lower = b | 0x20
            guard lower >= 0x61 && lower <= 0x7A else { return nil }
            key |= UInt64(lower) << shift
            shift += 8
        }
        return key
    }

    /// True when the host's suffix is a listed public suffix and the host has at least one label before it
    /// ("example.com" yes, "com" no, "file.txt" no, "x.co.uk" yes).
    /// - Parameter host: a canonical host; see `HostName.canonical`.
    public func hasKnownSuffix(_ host: Substring) -> Bool {
        registrableStart(of: host) != nil
    }

    /// The registrable domain (public suffix plus one label), or nil.
    /// - Parameter host: a canonical host; see `HostName.canonical`.
    /// - Returns: a slice of `host`.
    public func registrableDomain(of host: Substring) -> Substring? {
        registrableStart(of: host).map { host[$0...] }
    }

    /// Start of the non-empty label in front of the public suffix, or nil.
    private func registrableStart(of host: Substring) -> Substring.Index? {
        guard let suffix = publicSuffix(of: host), suffix.startIndex > host.startIndex else { return nil }
        let utf8 = host.utf8
        let dot = utf8.index(before: suffix.startIndex)  // the "." in front of the suffix
        guard dot > utf8.startIndex else { return nil }
        let labelEnd = dot
        let start = utf8[..<labelEnd].lastIndex(of: UInt8(ascii: ".")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return start < labelEnd ? start : nil
    }
}
