extension HostName {
    /// What the URL Standard makes of a host whose last label is a number: nil when the last
    /// label is not one (a domain); otherwise the IPv4 address it opens, dotted, or "" when the
    /// URL is invalid. Parts may be decimal, octal with a leading `0` or hexadecimal with `0x`,
    /// and fewer than four (`127.1`, `3232235777`, `0xC0A80101`), as browsers read them.
    public static func ipv4(_ host: Substring) -> String? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard let last = parts.last, number(last) != nil || isDecimal(last) else { return nil }
        guard parts.count <= 4 else { return "" }
        var values: [UInt64] = []
        for part in parts {
            guard let v = number(part) else { return "" }
            values.append(v)
        }
        guard values.dropLast().allSatisfy({ $0 <= 255 }), values[values.count - 1] < UInt64(1) << (8 * (5 - values.count)) else {
            return ""
        }
        var address = values[values.count - 1]
        for (k, v) in values.dropLast().enumerated() { address += v << (8 * (3 - k)) }
        return (0..<4).map { String((address >> (8 * (3 - $0))) & 255) }.joined(separator: ".")
    }

    /// Whether `part` is ASCII digits only.
    private static func isDecimal(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// An IPv4 number as the URL Standard parses one: `0x` hexadecimal (`0x` alone is 0), a
    /// leading `0` octal, else decimal; nil when it is none of them (or too large).
    private static func number(_ part: Substring) -> UInt64? {
        let u = Array(part.utf8)
        guard !u.isEmpty else { return nil }
        var digits = u[...], radix: UInt64 = 10
        if u.count >= 2, u[0] == 0x30, u[1] | 0x20 == 0x78 {
            digits = u[2...]
            radix = 16
            if digits.isEmpty { return 0 }
        } else if u.count >= 2, u[0] == 0x30 {
            digits = u[1...]
            radix = 8
        }
        var value: UInt64 = 0
        for b in digits {
            let d: UInt64
            switch b {
            case 0x30...0x39: d = UInt64(b - 0x30)
            case 0x61...0x66 where radix == 16: d = UInt64(b - 0x61 + 10)
            case 0x41...0x46 where radix == 16: d = UInt64(b - 0x41 + 10)
            default: return nil
            }
            guard d < radix else { return nil }
            value = value * radix + d
            guard value <= UInt64(UInt32.max) else { return nil }
        }
        return value
    }
}
