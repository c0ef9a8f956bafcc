import Matching
import Rules

/// Appends JSON to a byte buffer, without building an intermediate object tree.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] = []

    /// The fields findings took from their rules, and where their written openings (up to
    /// `"match":`) and closings (the suggestion) are in `ruleFieldBytes`; a few dozen rules at
    /// most, so a short list. Flat, so that copying one out takes no reference counting.
    var ruleFields: [RuleFields] = []
    var ruleFieldRanges: [(opening: Range<Int>, closing: Range<Int>)] = []
    var ruleFieldBytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Raw ASCII punctuation or literals.
    @inlinable public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A JSON string literal, escaped.
    public mutating func string(_ s: String) {
        s.withUTF8Bytes { string(utf8: $0) }
    }

    /// Appends `range` of `ruleFieldBytes`.
    mutating func appendRuleBytes(_ range: Range<Int>) {
        let stored = ruleFieldBytes
        stored.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// A JSON string literal from UTF-8 bytes, escaped; runs without escapes are copied whole.
    public mutating func string(utf8 buf: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var start = 0
        for i in 0..<buf.count {
            let b = buf[i]
            guard b == 0x22 || b == 0x5C || b < 0x20 else { continue }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes += [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)]]
            }
            start = i + 1
        }
        if buf.count > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<buf.count])) }
        bytes.append(0x22)
    }

    /// A string or `null`.
    public mutating func string(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// An integer.
    public mutating func int(_ v: Int) {
        // Digits are written into a small buffer, then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            let p = d.bindMemory(to: UInt8.self)
            let n = JSONWriter.writeDecimal(v, to: p.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[..<n]))
        }
    }

    /// Writes `v` in decimal at `out` (room for 20 bytes) and returns the number of bytes written.
    public static func writeDecimal(_ v: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = UInt64(v.magnitude)
        let sign = v < 0 ? 1 : 0
        if sign == 1 { out[0] = 0x2D }
        var width = 1
        var bound: UInt64 = 10
        while width < 20 && n >= bound {
            width += 1
            bound = bound &* 10
        }
        // Two digits per division, from a table of "00" to "99".
        let pairs = JSONWriter.digitPairs.utf8Start
        var at = sign + width
        while n >= 100 {
            let q = n / 100
            let r = Int(n &- q &* 100) &* 2
            at -= 2
            out[at] = pairs[r]
            out[at + 1] = pairs[r + 1]
            n = q
        }
        if n >= 10 {
            out[at - 2] = pairs[Int(n) &* 2]
            out[at - 1] = pairs[Int(n) &* 2 + 1]
        } else {
            out[at - 1] = UInt8(truncatingIfNeeded: n) &+ 0x30
        }
        return sign + width
    }

    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// `"key":`.
    public mutating func key(_ k: StaticString) {
        bytes.append(0x22)
        raw(k)
        raw("\":")
    }

    /// The JSON as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The fields a finding takes from its rule, which open and close its JSON object.
struct RuleFields: Equatable, Sendable {
    var rule: String, category: String, severity: String, message: String, suggestion: String?

    init(_ f: Finding) {
        rule = f.rule
        category = f.category
        severity = f.severity.rawValue
        message = f.message
        suggestion = f.suggestion
    }

    /// Whether `f` has these fields, compared in place (the finding's strings are not copied).
    func matches(_ f: Finding) -> Bool {
        rule == f.rule && message == f.message && category == f.category
            && severity == f.severity.rawValue && suggestion == f.suggestion
    }
}
