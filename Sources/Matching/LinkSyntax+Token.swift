/// Where a link candidate starts and ends, as twitter-text draws it, and percent-encoded hosts.
extension LinkSyntax {
    /// Bytes that end a link token: white space, `"`, `<` and `>` (a link in an HTML attribute
    /// ends at its quote, and never runs past a closing quote or tag).
    @inline(__always)
    static func isDelimiter(_ b: UInt8) -> Bool {
        isSpace(b) || b == 0x22 || b == 0x3C || b == 0x3E
    }

    /// Whether `v` is CJK text, at which a link ends: CJK punctuation, kana and ideographs
    /// (U+2E80–U+9FFF), Hangul syllables and compatibility ideographs.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x2E80...0x9FFF).contains(v) || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x20000...0x3FFFF).contains(v)
    }

    /// The scalar whose UTF-8 sequence starts at `i`, with its width, or nil when it is not one.
    static func scalar(_ t: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let n = scalarLength(t[i])
        guard t[i] >= 0xC0, i + n <= t.count, let s = decode(t, i, n) else { return nil }
        return (s.value, n)
    }

    /// The start of the token that holds byte `i`.
    static func tokenStart(_ t: UnsafeBufferPointer<UInt8>, before i: Int) -> Int {
        var start = i
        while start > 0 {
            let b = t[start - 1]
            if b < 0x80 {
                if isDelimiter(b) { break }
                start -= 1
                continue
            }
            var lead = start - 1
            while lead > 0 && t[lead] & 0xC0 == 0x80 { lead -= 1 }
            // A stray byte of invalid UTF-8 is one byte of the token, as `tokenEnd` reads it: never
            // a reason to step back over the ASCII byte (a space) before it.
            guard let (v, n) = scalar(t, at: lead), lead + n == start else { start -= 1; continue }
            if isCJK(v) { break }
            start = lead
        }
        return start
    }

    /// One past the end of the token that holds byte `i`.
    static func tokenEnd(_ t: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var end = i
        while end < t.count {
            let b = t[end]
            if b < 0x80 {
                if isDelimiter(b) { break }
                end += 1
                continue
            }
            guard let (v, n) = scalar(t, at: end) else { end += 1; continue }
            if isCJK(v) { break }
            end += n
        }
        return end
    }

    /// The byte a `%XX` escape at `i` stands for, or nil when there is none.
    static func percentByte(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> UInt8? {
        guard i + 2 < end, t[i] == 0x25, let high = PercentEncoding.hexValue(t[i + 1]),
              let low = PercentEncoding.hexValue(t[i + 2]) else { return nil }
        return high << 4 | low
    }

    /// A host as written, its `%XX` escapes decoded as the URL Standard does before IDNA; nil
    /// when the decoded bytes are not UTF-8 or not a host's (a space, a `/`, a `@`).
    static func percentDecoded(_ host: UnsafeBufferPointer<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(host.count)
        var i = 0
        while i < host.count {
            if let b = percentByte(host, i, host.count) {
                guard b > 0x20, b != 0x2F, b != 0x40, b != 0x3A, b != 0x25 else { return nil }
                bytes.append(b)
                i += 3
            } else {
                bytes.append(host[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
