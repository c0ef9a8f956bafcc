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

    /// Every suffix of every rule (with the `*.` / `!` markers removed), with its flags, in a
    /// table of bytes: a lookup hashes a host's suffix where it is.
    private let nodes: ByteStringTable

    /// Parses rules in PSL syntax, one per line: normal (`co.uk`), wildcard (`*.ck`) or exception (`!www.ck`).
    /// Lines starting with `//` and blank lines are ignored; only the first whitespace-separated token of a line counts.
    /// Rules are expected in lowercase with Unicode (not `xn--`) labels, as the published list is.
    public init(rules: String) {
        var nodes = ByteStringTable(capacity: 16_384)
        var text = rules
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
                var tokenEnd = lineStart
                while tokenEnd < lineEnd && bytes[tokenEnd] != 0x20 && bytes[tokenEnd] != 0x09 { tokenEnd += 1 }
                if let (rule, flag) = Self.parse(UnsafeBufferPointer(rebasing: bytes[lineStart..<tokenEnd])) {
                    Self.insert(rule, flag, into: &nodes)
                }
                lineStart = lineEnd + 1
            }
        }
        self.nodes = nodes
    }

    /// Splits a rule token into its domain part and kind, or nil for comments, blanks and malformed rules.
    private static func parse(_ token: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, Flags)? {
        var rule = token[...]
        var flag = Flags.rule
        switch rule.first {
        case UInt8(ascii: "!"):
            rule = rule.dropFirst()
            flag = .exception
        case UInt8(ascii: "*"):
            guard rule.dropFirst().first == UInt8(ascii: ".") else { return nil }
            rule = rule.dropFirst(2)
            flag = .wildcard
        case UInt8(ascii: "/"), nil:
            return nil  // comment or blank line
        default:
            break
        }
        // Wildcards other than a leading "*." are not part of the PSL format.
        guard !rule.isEmpty, !rule.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "!") }) else { return nil }
        return (UnsafeBufferPointer(rebasing: rule), flag)
    }

    /// Records `rule` with `flag`, and all of its parent suffixes as intermediate nodes.
    private static func insert(_ rule: UnsafeBufferPointer<UInt8>, _ flag: Flags, into nodes: inout ByteStringTable) {
        nodes.insert(rule, flag.rawValue) { $0 | $1 }
        for i in rule.indices where rule[i] == UInt8(ascii: ".") {
            nodes.insert(UnsafeBufferPointer(rebasing: rule[(i + 1)...]), 0) { $0 | $1 }
        }
    }

    /// The public suffix of `host` by the PSL algorithm, or nil when only the implicit "*" rule matches (unknown TLD).
    /// - Parameter host: a canonical host (lowercase, Unicode labels, no trailing dot); see `HostName.canonical`.
    /// - Returns: a slice of `host`.
    public func publicSuffix(of host: Substring) -> Substring? {
        let start = host.withUTF8Bytes { publicSuffixStart(of: $0) }
        return start.map { host[host.utf8.index(host.startIndex, offsetBy: $0)...] }
    }

    /// The byte offset where the public suffix of `host` starts, or nil when only the implicit
    /// "*" rule matches (unknown TLD).
    /// - Parameter host: a canonical host as UTF-8 bytes; see `HostName.canonical`.
    public func publicSuffixStart(of host: UnsafeBufferPointer<UInt8>) -> Int? {
        var match: Int?
        var parentIsWildcard = false
        var end = host.count
        // Walk labels right to left, extending the suffix one label at a time while it is a known node.
        while true {
            var dot = end - 1
            while dot >= 0 && host[dot] != UInt8(ascii: ".") { dot -= 1 }
            let start = dot + 1
            let flags = nodes.value(for: UnsafeBufferPointer(rebasing: host[start...])).map(Flags.init(rawValue:))
            if let flags, flags.contains(.exception) {
                // Exception rules prevail: the public suffix is the rule minus its leftmost label.
                return end == host.count ? nil : end + 1
            }
            if parentIsWildcard && start < end { match = start }
            if let flags, flags.contains(.rule) { match = start }
            guard let flags, dot >= 0 else { break }
            parentIsWildcard = flags.contains(.wildcard)
            end = dot
        }
        return match
    }

    /// Whether one label (any case, ASCII letters) is a top-level rule of the list, as
    /// `publicSuffix(of: label) != nil` would say, without building a string.
    public func isTopLevel(_ label: UnsafeBufferPointer<UInt8>) -> Bool {
        guard label.count <= 63 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(label.count, 1)) { lower in
            for i in label.indices { lower[i] = (label[i] >= 0x41 && label[i] <= 0x5A) ? label[i] | 0x20 : label[i] }
            let flags = nodes.value(for: UnsafeBufferPointer(rebasing: lower[..<label.count])).map(Flags.init(rawValue:))
            return flags.map { $0.contains(.rule) && !$0.contains(.exception) } ?? false
        }
    }

    /// True when the host's suffix is a listed public suffix and the host has at least one label before it
    /// ("example.com" yes, "com" no, "file.txt" no, "x.co.uk" yes).
    /// - Parameter host: a canonical host; see `HostName.canonical`.
    public func hasKnownSuffix(_ host: Substring) -> Bool {
        host.withUTF8Bytes { registrableStart(of: $0) } != nil
    }

    /// `hasKnownSuffix(_:)` for a canonical host given as UTF-8 bytes.
    public func hasKnownSuffix(_ host: UnsafeBufferPointer<UInt8>) -> Bool {
        registrableStart(of: host) != nil
    }

    /// The registrable domain (public suffix plus one label), or nil.
    /// - Parameter host: a canonical host; see `HostName.canonical`.
    /// - Returns: a slice of `host`.
    public func registrableDomain(of host: Substring) -> Substring? {
        let start = host.withUTF8Bytes { registrableStart(of: $0) }
        return start.map { host[host.utf8.index(host.startIndex, offsetBy: $0)...] }
    }

    /// Byte offset of the non-empty label in front of the public suffix, or nil.
    private func registrableStart(of host: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let suffix = publicSuffixStart(of: host), suffix > 0 else { return nil }
        let dot = suffix - 1  // the "." in front of the suffix
        guard dot > 0 else { return nil }
        var start = dot
        while start > 0 && host[start - 1] != UInt8(ascii: ".") { start -= 1 }
        return start < dot ? start : nil
    }
}
