/// The non-ASCII characters messages are mostly made of besides letters: general punctuation
/// (curly quotes, dashes, `…`) and emoji. None of them is a letter, a digit, a number or a
/// mark, so the matcher decides them without a Unicode property look-up.
public enum PlainSymbols {
    /// General Punctuation, and the emoji and pictograph blocks (U+1F300 to U+1F9FF).
    public static let ranges: [Range<UInt32>] = [0x2000..<0x2070, 0x1F300..<0x1FA00]

    /// Whether `v` is in one of `ranges`: not alphabetic, not numeric, not a mark.
    @inlinable public static func contains(_ v: UInt32) -> Bool {
        (v &- 0x2000) < 0x70 || (v &- 0x1F300) < 0x700
    }
}
