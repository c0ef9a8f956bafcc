/// The matcher's folded form of every scalar from U+0080 to U+2FFF and of the fullwidth forms
/// (U+FF00–U+FFEF), computed once, so that most non-ASCII text is normalised by table look-up
/// instead of a Foundation call per character.
enum FoldTable {
    static let lowRange: Range<UInt32> = 0x80..<0x3000
    static let fullwidthRange: Range<UInt32> = 0xFF00..<0xFFF0

    private static let low: [[UInt8]] = lowRange.map(entry)
    private static let fullwidth: [[UInt8]] = fullwidthRange.map(entry)

    private static func entry(_ v: UInt32) -> [UInt8] {
        guard let s = Unicode.Scalar(v) else { return [] }
        // Most scalars fold to themselves; Foundation is asked only about the others.
        if !s.properties.changesWhenNFKCCaseFolded && Lookalikes.latin(for: s) == nil && !Lookalikes.isInvisible(s) {
            return Array(String(s).utf8)
        }
        return Array(NormalizedText.fold(Character(s)).utf8)
    }

    /// The folded UTF-8 of `s`, or nil when it is outside the table (and folds to itself, apart
    /// from rare scripts with case).
    static func folded(_ s: Unicode.Scalar) -> [UInt8]? {
        let v = s.value
        if lowRange.contains(v) { return low[Int(v - lowRange.lowerBound)] }
        if fullwidthRange.contains(v) { return fullwidth[Int(v - fullwidthRange.lowerBound)] }
        if Lookalikes.isInvisible(s) { return [] }
        return nil
    }
}
