/// UTF-8 validation that says where the text goes wrong.
public enum UTF8Check {
    /// The offset of the first byte of an invalid sequence, or nil when all is valid.
    public static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // ASCII needs no decoding: skip to the first byte that is not.
        var offset = 0
        while offset < bytes.count && bytes[offset] < 0x80 { offset += 1 }
        guard offset < bytes.count else { return nil }
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
