import Foundation

/// Lowercase hexadecimal text, written digit by digit: ids, key hashes and digests are made on
/// every request, and `String(format:)` costs more than the rest of such work.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as two lowercase hex digits each (a digest's usual text form).
    public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.withContiguousStorageIfAvailable { string(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { string($0) }
    }

    /// `bytes` as two lowercase hex digits each, written straight into the string's storage.
    public static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (i, byte) in bytes.enumerated() {
                out[2 * i] = digits[Int(byte >> 4)]
                out[2 * i + 1] = digits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    /// A digest (or any contiguous bytes) as two lowercase hex digits a byte, without copying it
    /// into an array first as iterating a digest does.
    public static func string(digest: some ContiguousBytes) -> String {
        digest.withUnsafeBytes { string($0) }
    }

    /// Appends the low `count` hex digits of `value` to `out`, most significant first.
    public static func append(_ value: UInt64, digits count: Int, to out: inout [UInt8]) {
        for shift in stride(from: 4 * (count - 1), through: 0, by: -4) {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
