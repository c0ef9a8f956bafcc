/// Byte-level character classes for finding links.
enum LinkSyntax {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// A byte that can be part of a host label: ASCII letter, digit, hyphen, or any non-ASCII byte.
    static func isLabel(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) || b == 0x2D || b >= 0x80 }
    static func isSchemeChar(_ b: UInt8) -> Bool { isAlpha(b) || isDigit(b) || b == 0x2B || b == 0x2D || b == 0x2E }
    /// `/`, `?` or `#`: the host is over.
    static func isPathStart(_ b: UInt8) -> Bool { b == 0x2F || b == 0x3F || b == 0x23 }

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

    /// Drops trailing sentence punctuation and closing brackets that the link does not open.
    static func trimTrailing(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let b = t[e - 1]
            switch b {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x22, 0x2A:
                e -= 1
            case 0x29, 0x5D, 0x7D, 0x3E:
                let open: UInt8 = b == 0x29 ? 0x28 : b == 0x5D ? 0x5B : b == 0x7D ? 0x7B : 0x3C
                var opens = 0, closes = 0
                for j in start..<e { if t[j] == open { opens += 1 } else if t[j] == b { closes += 1 } }
                if closes > opens { e -= 1 } else { return e }
            default:
                // Closing quotes and other non-ASCII punctuation written as UTF-8 (’ ” » …).
                if e - start >= 3, t[e - 3] == 0xE2, t[e - 2] == 0x80,
                   [0x99, 0x9D, 0xA6, 0xBA].contains(t[e - 1]) {
                    e -= 3
                } else if e - start >= 2, t[e - 2] == 0xC2, t[e - 1] == 0xBB {
                    e -= 2
                } else {
                    return e
                }
            }
        }
        return e
    }
}
