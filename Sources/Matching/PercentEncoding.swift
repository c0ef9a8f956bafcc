/// The `%XX` escapes of URLs and forms.
public enum PercentEncoding {
    /// The value of a hexadecimal digit of an escape (`%XX` here, `\\uXXXX` in JSON), or nil when `b` is none.
    @inlinable public static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
