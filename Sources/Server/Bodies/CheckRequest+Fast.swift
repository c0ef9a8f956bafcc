import Matching

/// `POST /v1/check`'s body read in one pass over its bytes, for the route every send calls.
///
/// Only the plain shape is read here: an object of the four fields, strings where strings go,
/// each at most once. Anything else (an unknown field, a `null`, a number, a repeated field,
/// malformed JSON, an escape that is not a whole character) gives nil, and the body goes through
/// `BodyReader`'s strict decoding, which says what is wrong with it. So this path never accepts
/// what that one refuses, and reads what it accepts the same way (a test holds the two side by side).
extension CheckRequest {
    static func fast(_ body: UnsafeRawBufferPointer) -> CheckRequest? {
        var text: String?, channel: String?, language: String?, allowDomains: [String]?
        let read = JSONBytes.object(body) { key, reader in
            switch key {
            case "text": return JSONBytes.once(&text, reader.string())
            case "channel": return JSONBytes.once(&channel, reader.string())
            case "language": return JSONBytes.once(&language, reader.string())
            case "allowDomains": return JSONBytes.once(&allowDomains, reader.strings())
            default: return false
            }
        }
        guard read, let text else { return nil }
        return CheckRequest(text: text, channel: channel, allowDomains: allowDomains, language: language)
    }
}

/// A reader of JSON bytes that are valid UTF-8, for the bodies' `fast` readings: an object of
/// strings and arrays of them, nil for anything it does not read.
struct JSONBytes {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads `body` as one non-empty object and nothing after it, handing each key to `field`,
    /// which reads the value; false when the body is anything else or `field` refuses a key.
    static func object(_ body: UnsafeRawBufferPointer, _ field: (String, inout JSONBytes) -> Bool) -> Bool {
        var reader = JSONBytes(body.bindMemory(to: UInt8.self))
        guard reader.skipping(0x7B), !reader.skipping(0x7D) else { return false }
        repeat {
            guard let key = reader.string(), reader.skipping(0x3A), field(key, &reader) else { return false }
        } while reader.skipping(0x2C)
        return reader.skipping(0x7D) && reader.atEnd
    }

    /// Puts `value` in `slot` if it was read and the field has not come before; whether it did.
    static func once<T>(_ slot: inout T?, _ value: T?) -> Bool {
        guard slot == nil, let value else { return false }
        slot = value
        return true
    }

    /// Whether only white space is left.
    var atEnd: Bool {
        mutating get { skipSpace(); return i == bytes.count }
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// Skips white space and then `b` if it is next; whether it was.
    mutating func skipping(_ b: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == b else { return false }
        i += 1
        return true
    }

    /// An array of strings, or nil.
    mutating func strings() -> [String]? {
        guard skipping(0x5B) else { return nil }
        var out: [String] = []
        if skipping(0x5D) { return out }
        repeat {
            guard let s = string() else { return nil }
            out.append(s)
        } while skipping(0x2C)
        return skipping(0x5D) ? out : nil
    }

    /// A string, unescaped, or nil.
    mutating func string() -> String? {
        guard skipping(0x22) else { return nil }
        let start = i
        // Most strings have no escape: they are read where they are.
        while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C, bytes[i] >= 0x20 { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x20 else { return nil }
        if bytes[i] == 0x22 {
            i += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case 0x22: return String(decoding: out, as: UTF8.self)
            case 0x5C:
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: scalar.utf8)
                default: return nil
                }
            case _ where b < 0x20: return nil
            default: out.append(b)
            }
        }
        return nil
    }

    /// The scalar of `\uXXXX` (after the `u`), joining a surrogate pair; nil for a lone surrogate.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        switch high {
        case 0xD800...0xDBFF:
            guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { return nil }
            i += 2
            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF: return nil
        default: return Unicode.Scalar(high)
        }
    }

    /// The four hexadecimal digits of a `\u` escape, or nil.
    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = PercentEncoding.hexValue(bytes[i]) else { return nil }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
