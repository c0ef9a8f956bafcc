import Rules

/// Appends JSON to a byte buffer, without building an intermediate object tree.
public struct JSONWriter: Sendable {
    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] = []

    /// The end of a clean record for rules version `cleanTailVersion`, kept so the common case is one copy.
    var cleanTail: [UInt8] = []
    var cleanTailVersion: String?
    /// The written openings (up to `"match":`) and closings (the suggestion) of findings, with
    /// the fields they came from; a few dozen rules at most, so a short list.
    var ruleFields: [(key: RuleFields, opening: [UInt8], closing: [UInt8])] = []

    /// An empty writer.
    public init() {}

    /// Raw ASCII punctuation or literals.
    @inlinable public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A JSON string literal, escaped.
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: $0) }
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
        var n = v.magnitude
        // Digits are written backwards from the end of a small buffer, then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var at = d.count
            repeat {
                at -= 1
                d[at] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
                n /= 10
            } while n > 0
            if v < 0 { at -= 1; d[at] = 0x2D }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[at...]))
        }
    }

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
}
