/// Lowercase hexadecimal text, written digit by digit: ids, key hashes and digests are made on
/// every request, and `String(format:)` costs more than the rest of such work.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as two lowercase hex digits each (a digest's usual text form).
    public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the low `count` hex digits of `value` to `out`, most significant first.
    public static func append(_ value: UInt64, digits count: Int, to out: inout [UInt8]) {
        for shift in stride(from: 4 * (count - 1), through: 0, by: -4) {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
