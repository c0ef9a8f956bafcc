/// Byte-level character classes for finding links.
enum LinkSyntax {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// A byte that can be part of a host label: ASCII letter, digit, hyphen, or any non-ASCII byte.
    static func isLabel(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) || b == 0x2D || b >= 0x80 }
    /// Bytes in the UTF-8 sequence that `lead` starts (1 for ASCII or a stray continuation byte).
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The length in bytes of the host-label character at `i` (ASCII letter, digit or hyphen; a
    /// non-ASCII letter, digit or mark), or 0 when it is anything else, such as `«` or `“`.
    @inline(__always)
    static func labelLength(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = t[i]
        if b < 0x80 { return isAlpha(b) || isDigit(b) || b == 0x2D ? 1 : 0 }
        return nonASCIILabelLength(t, i, end)
    }

    /// `labelLength` for a byte of 0x80 or above.
    static func nonASCIILabelLength(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = t[i]
        let n = scalarLength(b)
        guard b >= 0xC0, i + n <= end, let s = decode(t, i, n), !PlainSymbols.contains(s.value) else { return 0 }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark ? n : 0
    }

    static func decode(_ t: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Unicode.Scalar? {
        var iterator = UnsafeBufferPointer(rebasing: t[i..<(i + n)]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    static func isSchemeChar(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) || b == 0x2B || b == 0x2D || b == 0x2E }
    /// `/`, `?`, `#` or `\` (a `/` to a browser in a web link): the host is over.
    static func isPathStart(_ b: UInt8) -> Bool { b == 0x2F || b == 0x3F || b == 0x23 || b == 0x5C }

    /// Bytes of a host or its user information, written without a scheme: label bytes, `.`,
    /// `_`, `%` escapes and `@`. Anything else before a host is not part of the link.
    static func isHostByte(_ b: UInt8) -> Bool { isLabel(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x40 }

    /// The last `@` in the run of host bytes from `from` (where user information ends), if any,
    /// and where the run ends.
    static func userInfo(_ t: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (at: Int?, end: Int) {
        var j = from
        var at: Int? = nil
        while j < end, isHostByte(t[j]) {
            if t[j] == 0x40 { at = j }
            j += 1
        }
        return (at, j)
    }

    /// Where `http:` or `https:` starts when it stands right before `hostStart` (after `from`),
    /// followed by nothing or by slashes and backslashes only: a browser opens `https:bit.ly`,
    /// `https:/bit.ly` and `http:\\bit.ly` as `https://bit.ly`. Nil when it does not.
    static func specialScheme(_ t: UnsafeBufferPointer<UInt8>, before hostStart: Int, from: Int) -> Int? {
        var colon = hostStart
        while colon > from && (t[colon - 1] == 0x2F || t[colon - 1] == 0x5C) { colon -= 1 }
        guard colon > from, t[colon - 1] == 0x3A else { return nil }
        for scheme in ["https", "http"] {
            let n = scheme.utf8.count
            let s = colon - 1 - n
            guard s >= from, zip(scheme.utf8, s..<(colon - 1)).allSatisfy({ $0 == t[$1] | 0x20 }) else { continue }
            // The scheme is a word of its own (`xhttps:` is none).
            guard s == from || !isSchemeChar(t[s - 1]) else { return nil }
            return s
        }
        return nil
    }

    /// Two sentences run together without a space, `tomorrow.Call`, rather than a host: two
    /// labels, the first ending lowercase and the second capitalised, as a new sentence is.
    static func isSentenceJoin(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var dot = -1
        for i in start..<end where t[i] == 0x2E {
            if dot >= 0 { return false }
            dot = i
        }
        guard dot > start, dot + 2 < end else { return false }
        let isLower = { (b: UInt8) in b >= 0x61 && b <= 0x7A }
        guard isLower(t[dot - 1]), t[dot + 1] >= 0x41 && t[dot + 1] <= 0x5A else { return false }
        return (dot + 2..<end).allSatisfy { isLower(t[$0]) }
    }

    static func find(_ t: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int, to: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard to - from >= count else { return nil }
        let p = needle.utf8Start
        var i = from
        outer: while i + count <= to {
            for k in 0..<count where t[i + k] != p[k] { i += 1; continue outer }
            return i
        }
        return nil
    }

    /// Drops trailing sentence punctuation, a possessive `'s`, a trailing `-` and closing
    /// brackets that the link does not open.
    static func trimTrailing(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let b = t[e - 1]
            if b | 0x20 == 0x73, e - 2 > start, t[e - 2] == 0x27 {
                e -= 2
                continue
            }
            switch b {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x22, 0x2A, 0x2D, 0x5F:
                e -= 1
            case 0x29, 0x5D, 0x7D, 0x3E:
                let open: UInt8 = b == 0x29 ? 0x28 : b == 0x5D ? 0x5B : b == 0x7D ? 0x7B : 0x3C
                var opens = 0, closes = 0
                for j in start..<e { if t[j] == open { opens += 1 } else if t[j] == b { closes += 1 } }
                if closes > opens { e -= 1 } else { return e }
            default:
                // Closing quotes and other non-ASCII punctuation (’ ” » … 。) end a sentence, not a link.
                guard b >= 0x80 else { return e }
                var lead = e - 1
                while lead > start && t[lead] & 0xC0 == 0x80 { lead -= 1 }
                guard let s = decode(t, lead, e - lead) else { return e }
                let p = s.properties
                // Marks too, as a host's labels take them (`labelLength`).
                if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                    || p.generalCategory == .spacingMark { return e }
                e = lead
            }
        }
        return e
    }
}
