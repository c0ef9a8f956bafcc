import Foundation
import Matching

/// A provider's JSON for an inbound text, made decodable when a string holds what JSON refuses:
/// a patient's STOP is never refused for its bytes.
///
/// - A raw control character inside a string (a CR LF or a stray byte that JSON requires
///   escaped) is written as its `\u00XX` escape; the text then goes through `InboundText.clean`
///   like any other.
/// - A `\uXXXX` escape of a lone UTF-16 surrogate (a high one not followed by a low one, or a
///   low one alone), which names no character, becomes `\ufffd` (U+FFFD), as invalid UTF-8 does,
///   and the record is marked repaired.
enum InboundJSON {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `bytes` made decodable, and whether a lone surrogate was replaced; the same bytes when
    /// there is nothing to change.
    static func repairing(_ bytes: some Collection<UInt8>) -> (data: Data, replacedSurrogate: Bool) {
        let b = Array(bytes)
        guard b.contains(where: { $0 < 0x20 || $0 == 0x5C }) else { return (Data(b), false) }
        var out = Data()
        out.reserveCapacity(b.count + 16)
        var replaced = false
        var inString = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if !inString {
                if c == 0x22 { inString = true }
                out.append(c)
                i += 1
            } else if c == 0x22 {
                inString = false
                out.append(c)
                i += 1
            } else if c < 0x20 {
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(c >> 4)], hexDigits[Int(c & 15)]])
                i += 1
            } else if c == 0x5C, i + 1 < b.count {
                guard b[i + 1] == 0x75, let unit = codeUnit(b, at: i) else {
                    out.append(contentsOf: b[i...(i + 1)])
                    i += 2
                    continue
                }
                if (0xD800...0xDBFF).contains(unit), let low = codeUnit(b, at: i + 6), (0xDC00...0xDFFF).contains(low) {
                    out.append(contentsOf: b[i..<(i + 12)])
                    i += 12
                } else if (0xD800...0xDFFF).contains(unit) {
                    out.append(contentsOf: Array("\\ufffd".utf8))
                    replaced = true
                    i += 6
                } else {
                    out.append(contentsOf: b[i..<(i + 6)])
                    i += 6
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        return (out, replaced)
    }

    /// The UTF-16 code unit of the `\uXXXX` escape at `i`, if one is there.
    private static func codeUnit(_ b: [UInt8], at i: Int) -> UInt16? {
        guard i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
        var value: UInt16 = 0
        for d in b[(i + 2)..<(i + 6)] {
            guard let v = PercentEncoding.hexValue(d) else { return nil }
            value = value << 4 | UInt16(v)
        }
        return value
    }
}
