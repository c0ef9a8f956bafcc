// Punycode (RFC 3492): Bootstring with the parameters for IDNA.

/// Punycode encoding and decoding of a single domain label (RFC 3492).
public enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN: UInt32 = 0x80
    private static let delimiter = UInt8(ascii: "-")

    /// Decodes a Punycode label to Unicode.
    /// - Parameter label: the encoded label WITHOUT the `xn--` prefix.
    /// - Returns: the decoded label, or nil when the input is not valid Punycode.
    public static func decode(_ label: Substring) -> String? {
        let bytes = Array(label.utf8)
        var output: [Unicode.Scalar] = []
        // Basic code points are everything before the last delimiter.
        var start = 0
        if let last = bytes.lastIndex(of: delimiter) {
            for byte in bytes[..<last] {
                guard byte < 0x80 else { return nil }
                output.append(Unicode.Scalar(byte))
            }
            start = last + 1
        }
        var n = Int(initialN)
        var i = 0
        var bias = initialBias
        var position = start
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let digit = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, overflow1) = digit.multipliedReportingOverflow(by: w)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2, sum <= Int(Int32.max) else { return nil }
                i = sum
                let t = threshold(k, bias)
                if digit < t { break }
                let (nextW, overflow3) = w.multipliedReportingOverflow(by: base - t)
                guard !overflow3, nextW <= Int(Int32.max) else { return nil }
                w = nextW
                k += base
            }
            let length = output.count + 1
            bias = adapt(delta: i - oldI, count: length, first: oldI == 0)
            n += i / length
            i %= length
            guard n <= 0x10FFFF, n >= 0x80, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: output)
        return result
    }

    /// Encodes a Unicode label as Punycode.
    /// - Parameter label: the Unicode label; basic (ASCII) code points are copied as they are.
    /// - Returns: the encoded label WITHOUT the `xn--` prefix, or nil on arithmetic overflow.
    public static func encode(_ label: Substring) -> String? {
        let input = Array(label.unicodeScalars)
        var output: [UInt8] = input.compactMap { $0.isASCII ? UInt8($0.value) : nil }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            // The smallest code point not yet handled; one exists because handled < input.count.
            var m = UInt32.max
            for scalar in input where scalar.value >= n && scalar.value < m { m = scalar.value }
            let (step, overflow1) = Int(m - n).multipliedReportingOverflow(by: handled + 1)
            let (sum, overflow2) = delta.addingReportingOverflow(step)
            guard !overflow1, !overflow2, sum <= Int(Int32.max) else { return nil }
            delta = sum
            n = m
            for scalar in input {
                if scalar.value < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard scalar.value == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias)
                    if q < t { break }
                    output.append(digitByte(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digitByte(q))
                bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The threshold t(k) of RFC 3492 section 6.
    @inline(__always)
    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    /// Bias adaptation function of RFC 3492 section 6.1.
    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// Value of a Punycode digit (a–z / A–Z = 0–25, 0–9 = 26–35), or nil.
    @inline(__always)
    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }

    /// Lowercase ASCII byte for a digit value 0–35.
    @inline(__always)
    private static func digitByte(_ digit: Int) -> UInt8 {
        digit < 26 ? UInt8(ascii: "a") + UInt8(digit) : UInt8(ascii: "0") + UInt8(digit - 26)
    }
}
