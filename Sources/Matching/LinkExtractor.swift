#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A link found in text: where it is, and its host in canonical form.
public struct LinkMatch: Sendable, Equatable {
    /// Byte range of the whole link in the scanned text.
    public var range: Range<Int>
    /// Byte range of the host.
    public var hostRange: Range<Int>
    /// The host: lowercase, trailing dot removed, punycode labels decoded.
    public var host: String
    /// Whether the link was written with a scheme (`https://`).
    public var hasScheme: Bool
}

/// Finds links with or without a scheme: `https://x.com/a`, `www.x.com`, `x.com/path`, and a bare
/// `x.com` whose last label is a top-level domain of the Public Suffix List. The host is the one
/// a browser opens (WHATWG URL): after any user information (`https://own.com@bit.ly/x`), with
/// percent-encoded bytes decoded. Boundaries are drawn as twitter-text draws them: a link ends
/// at white space, CJK text and quotes or angle brackets around it; trailing punctuation, a
/// possessive `'s`, a trailing `-` and unbalanced closing brackets are not part of it;
/// underscores are allowed in subdomains. IP hosts are links with a scheme or a path, ports, IDN
/// and punycode hosts are links; an e-mail address is not.
public struct LinkExtractor: Sendable {
    /// The suffix list that decides whether a scheme-less `name.tld` is a link.
    public let suffixes: PublicSuffixList

    /// An extractor using `suffixes` (the embedded Public Suffix List by default).
    public init(suffixes: PublicSuffixList = .shared) {
        self.suffixes = suffixes
    }

    /// Every link in `text` (UTF-8), in order.
    public func links(in text: UnsafeBufferPointer<UInt8>) -> [LinkMatch] {
        links(in: text, asIfLowercased: false)
    }

    /// Every link in `text` (UTF-8), in order; with `asIfLowercased`, exactly the links found in
    /// a copy of `text` with its ASCII letters lowercased (as `NormalizedText` has them), without
    /// making that copy. Hosts are lowercased either way: only two sentences run together
    /// (`Quiz.Win`), which are told from a host by a capital, tell the two apart.
    public func links(in text: UnsafeBufferPointer<UInt8>, asIfLowercased: Bool) -> [LinkMatch] {
        var found: [LinkMatch] = []
        guard let base = text.baseAddress else { return found }
        var token = Token(start: 0, end: 0, schemeSeparator: nil)
        var i = 0
        let n = text.count
        // Links hang on a `.` or a `:`: jump between those with memchr rather than test every byte.
        var nextDot = LinkExtractor.find(0x2E, base, from: 0, n)
        var nextColon = LinkExtractor.find(0x3A, base, from: 0, n)
        while i < n {
            if nextDot < i { nextDot = LinkExtractor.find(0x2E, base, from: i, n) }
            if nextColon < i { nextColon = LinkExtractor.find(0x3A, base, from: i, n) }
            i = min(nextDot, nextColon)
            guard i < n else { break }
            let b = text[i]
            let anchor = (b == 0x2E && i > 0 && i + 1 < n && LinkSyntax.isLabel(text[i - 1]) && LinkSyntax.isLabel(text[i + 1]))
                || (b == 0x3A && i + 2 < n && text[i + 1] == 0x2F && text[i + 2] == 0x2F)
            guard anchor else { i += 1; continue }
            // The token around the anchor, up to white space, CJK text, quotes or angle brackets,
            // found once for all of its anchors.
            if i >= token.end {
                let start = LinkSyntax.tokenStart(text, before: i), end = LinkSyntax.tokenEnd(text, from: i)
                token = Token(start: start, end: end, schemeSeparator: LinkSyntax.find(text, "://", from: start, to: end))
            }
            switch parse(text, token, anchor: i, sentenceJoins: !asIfLowercased) {
            case .link(let link):
                found.append(link)
                i = max(token.end, i + 1)
            case .none(let resume):
                // A later anchor of the token may hold one (`Dr.Ana:bit.ly/x`). Each parse reads
                // only as far as it resumes, so a token of many dots costs time linear in its length.
                i = max(resume, i + 1)
            }
        }
        return found
    }

    /// The offset of the next `byte` at or after `from`, or `n` when there is none.
    static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        guard from < n, let hit = memchr(base + from, Int32(byte), n - from) else { return n }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Every link in a string; ranges are UTF-8 byte offsets.
    public func links(in text: String) -> [LinkMatch] {
        var copy = text
        return copy.withUTF8 { links(in: $0) }
    }

    /// A run of text that may hold links, and where its first `://` is.
    struct Token {
        var start: Int
        var end: Int
        var schemeSeparator: Int?
    }

    /// What a parse at an anchor found: a link, or none and where the next parse may start.
    enum Parsed {
        case link(LinkMatch)
        case none(resume: Int)
    }

    private func parse(_ t: UnsafeBufferPointer<UInt8>, _ token: Token, anchor: Int, sentenceJoins: Bool) -> Parsed {
        let tokenStart = token.start, tokenEnd = token.end
        var start = tokenStart
        var hostStart: Int
        var hasScheme = false
        if let sep = token.schemeSeparator {
            var s = sep
            while s > tokenStart && LinkSyntax.isSchemeChar(t[s - 1]) { s -= 1 }
            while s < sep && !LinkSyntax.isAlpha(t[s]) { s += 1 }
            guard s < sep else { return .none(resume: tokenEnd) }
            start = s
            hasScheme = true
            hostStart = sep + 3
            // Skip user information: the last `@` before the path.
            var j = hostStart
            while j < tokenEnd, !LinkSyntax.isPathStart(t[j]) { if t[j] == 0x40 { hostStart = j + 1 }; j += 1 }
        } else {
            // The host starts after whatever stands before it in the token (`Results:bit.ly`,
            // `Hi,bit.ly`): the bytes a host or its user information has, back from the anchor.
            // One `@` at most: user information holds no other.
            start = anchor
            var ats = 0
            while start > tokenStart && LinkSyntax.isHostByte(t[start - 1]) {
                if t[start - 1] == 0x40 { ats += 1; if ats > 1 { break } }
                start -= 1
            }
            // A special scheme written without its slashes, or with backslashes, is still one to
            // a browser (`https:bit.ly`, `http:\\bit.ly`).
            if let scheme = LinkSyntax.specialScheme(t, before: start, from: tokenStart) {
                hostStart = start
                start = scheme
                hasScheme = true
                if let at = LinkSyntax.userInfo(t, from: hostStart, to: tokenEnd).at { hostStart = at + 1 }
            } else {
                while start < tokenEnd && LinkSyntax.labelLength(t, start, tokenEnd) == 0 {
                    start += max(1, LinkSyntax.scalarLength(t[start]))
                }
                hostStart = start
                // User information counts only in a link with a path (`own.com@bit.ly/x`): without
                // one, `name@domain.tld` is an e-mail address.
                let (at, end) = LinkSyntax.userInfo(t, from: start, to: tokenEnd)
                if let at {
                    guard end < tokenEnd, LinkSyntax.isPathStart(t[end]) else { return .none(resume: end) }
                    hostStart = at + 1
                }
            }
        }
        // Host: labels and dots, or a bracketed IPv6 address after a scheme.
        var hostEnd = hostStart
        if hasScheme, hostEnd < tokenEnd, t[hostEnd] == 0x5B {
            while hostEnd < tokenEnd && t[hostEnd] != 0x5D { hostEnd += 1 }
            guard hostEnd < tokenEnd else { return .none(resume: tokenEnd) }
            hostEnd += 1
        } else {
            while hostEnd < tokenEnd {
                if t[hostEnd] == 0x2E || t[hostEnd] == 0x5F { hostEnd += 1; continue }
                if t[hostEnd] == 0x25, LinkSyntax.percentByte(t, hostEnd, tokenEnd) != nil { hostEnd += 3; continue }
                let length = LinkSyntax.labelLength(t, hostEnd, tokenEnd)
                if length == 0 { break }
                hostEnd += length
            }
        }
        // Trailing dots, hyphens and underscores belong to the sentence; one dot before a port
        // or a path is the host's own (`bit.ly./x`), and opens the same site.
        var hostLast = hostEnd
        while hostLast > hostStart && (t[hostLast - 1] == 0x2E || t[hostLast - 1] == 0x2D || t[hostLast - 1] == 0x5F) { hostLast -= 1 }
        guard hostLast > hostStart else { return .none(resume: hostEnd) }
        let fullyQualified = hostEnd == hostLast + 1 && t[hostLast] == 0x2E && hostEnd < tokenEnd
            && (t[hostEnd] == 0x3A || LinkSyntax.isPathStart(t[hostEnd]))
        // Most dotted words in a text (e.g. 2.30 p.m U.K) fail on their last label alone, before
        // any string is built.
        guard hasScheme || plausibleTopLevel(t, hostStart, hostLast) else { return .none(resume: hostEnd) }
        let afterHost = fullyQualified ? hostEnd : hostLast
        let hasPath = afterHost < tokenEnd && (LinkSyntax.isPathStart(t[afterHost]) || t[afterHost] == 0x3A)
        let host: String
        let written = UnsafeBufferPointer(rebasing: t[hostStart..<hostLast])
        if let ascii = asciiHost(written, withScheme: hasScheme, withPath: hasPath) {
            guard !ascii.isEmpty else { return .none(resume: hostEnd) }
            host = ascii
        } else {
            guard let decoded = LinkSyntax.percentDecoded(written) else { return .none(resume: hostEnd) }
            host = HostName.canonical(Substring(decoded))
            guard isHost(host, withScheme: hasScheme, withPath: hasPath) else { return .none(resume: hostEnd) }
        }
        // Two sentences run together (`tomorrow.Call`) are no link; a path or port after them
        // makes one (`Bit.Ly/3xYz9`), whatever the case of its labels.
        if !hasScheme && !hasPath && sentenceJoins && LinkSyntax.isSentenceJoin(t, hostStart, hostLast) { return .none(resume: hostEnd) }
        // Port, then path, query, fragment up to the token's end.
        var end = afterHost
        if afterHost == hostEnd {
            if end < tokenEnd && t[end] == 0x3A {
                var j = end + 1
                while j < tokenEnd && LinkSyntax.isDigit(t[j]) { j += 1 }
                // An empty port is the scheme's default (`bit.ly:/x`).
                if j > end + 1 || (j < tokenEnd && LinkSyntax.isPathStart(t[j])) { end = j }
            }
            if end < tokenEnd && LinkSyntax.isPathStart(t[end]) { end = tokenEnd }
        }
        // Trailing punctuation is the sentence's, never any of the host.
        end = max(LinkSyntax.trimTrailing(t, start, end), hostLast)
        return .link(LinkMatch(range: start..<end, hostRange: hostStart..<hostLast, host: host, hasScheme: hasScheme))
    }

    /// Whether the last label of a scheme-less host can end a link: a known top-level domain,
    /// the last number of an IPv4 address, or a non-ASCII or punycode label (checked later).
    func plausibleTopLevel(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var dot = end - 1
        var dots = 0
        while dot >= start && t[dot] != 0x2E { dot -= 1 }
        for i in start..<end where t[i] == 0x2E { dots += 1 }
        let label = UnsafeBufferPointer(rebasing: t[(dot + 1)..<end])
        guard label.count >= 2 || label.allSatisfy(LinkSyntax.isDigit) else { return false }
        if label.allSatisfy(LinkSyntax.isDigit) { return dots == 3 }
        guard label.count <= 24, label.allSatisfy(LinkSyntax.isAlpha) else { return true }
        return suffixes.isTopLevel(label)
    }

    /// The fast path for plain ASCII hosts (no IDN, no punycode, no IPv6): the lowercase host when
    /// it can be a link's host, "" when it cannot, nil when the general path must decide.
    func asciiHost(_ h: UnsafeBufferPointer<UInt8>, withScheme: Bool, withPath: Bool) -> String? {
        guard !h.isEmpty, h.allSatisfy({ $0 < 0x80 && $0 != 0x25 }), h[0] != 0x5B else { return nil }
        var labels = 0, labelStart = 0, allDigits = true, lastAllDigits = true, ipv4 = true
        var lastUnderscore = -1
        for i in 0..<h.count where h[i] == 0x5F { lastUnderscore = i }
        for i in 0...h.count {
            guard i == h.count || h[i] == 0x2E else { continue }
            let length = i - labelStart
            guard length > 0, length <= 63, h[labelStart] != 0x2D, h[i - 1] != 0x2D else { return "" }
            if length >= 4, h[labelStart] | 0x20 == 0x78, h[labelStart + 1] | 0x20 == 0x6E,
               h[labelStart + 2] == 0x2D, h[labelStart + 3] == 0x2D { return nil }
            allDigits = true
            for k in labelStart..<i where !LinkSyntax.isDigit(h[k]) { allDigits = false; break }
            if !allDigits || length > 3 { ipv4 = false }
            lastAllDigits = allDigits
            labels += 1
            labelStart = i + 1
        }
        let host = String(unsafeUninitializedCapacity: h.count) { out in
            for i in 0..<h.count { out[i] = (h[i] >= 0x41 && h[i] <= 0x5A) ? h[i] | 0x20 : h[i] }
            return h.count
        }
        // A number where a top-level domain would be is an IPv4 address to a browser (`127.1`).
        if withScheme, let ip = HostName.ipv4(Substring(host)) { return ip }
        guard labels >= 2 else { return withScheme && host == "localhost" ? host : "" }
        if labels == 4 && ipv4 {
            return (withScheme || withPath) && host.split(separator: ".").allSatisfy { Int($0)! <= 255 } ? host : ""
        }
        if lastAllDigits { return "" }
        // Underscores only in subdomains: never in the last two labels.
        if lastUnderscore >= 0, host.utf8.dropFirst(lastUnderscore).filter({ $0 == 0x2E }).count < 2 { return "" }
        return withScheme || endsInPublicSuffix(host) ? host : ""
    }

    /// Whether a host of two labels or more ends in a public suffix: a name under one
    /// (`example.com`), or a suffix of several labels itself (`gov.tw`), which a browser opens too.
    func endsInPublicSuffix(_ host: String) -> Bool {
        var h = host
        return suffixes.hasKnownSuffix(Substring(host)) || h.withUTF8 { suffixes.publicSuffixStart(of: $0) == 0 }
    }

    /// Whether `host` (canonical) can be a link's host.
    func isHost(_ host: String, withScheme: Bool, withPath: Bool) -> Bool {
        if host.hasPrefix("[") { return withScheme }
        if withScheme, let ip = HostName.ipv4(Substring(host)) { return !ip.isEmpty }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return withScheme && host == "localhost" }
        for label in labels {
            if label.isEmpty || label.count > 63 || label.hasPrefix("-") || label.hasSuffix("-") { return false }
        }
        if labels.count == 4, labels.allSatisfy({ l in l.utf8.count <= 3 && l.utf8.allSatisfy(LinkSyntax.isDigit) && Int(l)! <= 255 }) {
            return withScheme || withPath
        }
        if labels.suffix(2).contains(where: { $0.contains("_") }) { return false }
        if let tld = labels.last, tld.utf8.allSatisfy(LinkSyntax.isDigit) { return false }
        return withScheme || endsInPublicSuffix(host)
    }
}
