import Foundation

/// A provider's JSON for an inbound text, made decodable when a raw control character stands
/// inside a string (a CR LF or a stray byte that JSON requires escaped): a patient's STOP is
/// never refused for its bytes. Each such byte inside a string is written as its `\u00XX`
/// escape; the text then goes through `InboundText.clean` like any other.
enum InboundJSON {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `bytes` with the control bytes inside its strings escaped; the same bytes when there are none.
    static func escapingControls(_ bytes: some Collection<UInt8>) -> Data {
        guard bytes.contains(where: { $0 < 0x20 }) else { return Data(bytes) }
        var out = Data()
        out.reserveCapacity(bytes.count + 16)
        var inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                } else if b < 0x20 {
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]])
                    continue
                }
            } else if b == 0x22 {
                inString = true
            }
            out.append(b)
        }
        return out
    }
}
