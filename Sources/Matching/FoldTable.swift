/// The matcher's folded form of every scalar from U+0080 to U+2FFF and of the fullwidth forms
/// (U+FF00–U+FFEF), computed once, so that most non-ASCII text is normalised by table look-up
/// instead of a Foundation call per character.
enum FoldTable {
    static let lowRange: Range<UInt32> = 0x80..<0x3000
    static let fullwidthRange: Range<UInt32> = 0xFF00..<0xFFF0

    private static let low = Folds(lowRange)
    private static let fullwidth = Folds(fullwidthRange)

    /// The folded UTF-8 of each scalar of a range, end to end in one array: one allocation for
    /// the whole range rather than one per scalar.
    private struct Folds {
        let bytes: [UInt8]
        /// Scalar `k`'s folded bytes are `bytes[offsets[k] ..< offsets[k + 1]]`.
        let offsets: [UInt32]
        /// Whether scalar `k` folds to itself: a bit per scalar.
        let same: [UInt64]

        init(_ range: Range<UInt32>) {
            // Most scalars fold to themselves. The others are folded by Foundation in one call
            // for all of them rather than two calls each, which was most of the start-up time.
            var folds = [String?](repeating: nil, count: range.count)
            var pending: [Int] = []
            for v in range {
                guard let s = Unicode.Scalar(v) else { folds[Int(v - range.lowerBound)] = ""; continue }
                if !s.properties.changesWhenNFKCCaseFolded && Lookalikes.latin(for: s) == nil && !Lookalikes.isInvisible(s) {
                    continue
                }
                pending.append(Int(v - range.lowerBound))
            }
            let scalars = pending.map { Unicode.Scalar(range.lowerBound + UInt32($0))! }
            for (k, folded) in zip(pending, NormalizedText.fold(each: scalars)) { folds[k] = folded }

            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count * 2)
            var offsets: [UInt32] = [0]
            offsets.reserveCapacity(range.count + 1)
            var same = [UInt64](repeating: 0, count: (range.count + 63) / 64)
            for v in range {
                let k = Int(v - range.lowerBound)
                if let s = Unicode.Scalar(v) {
                    let start = bytes.count
                    if let folded = folds[k] { bytes.append(contentsOf: folded.utf8) } else { bytes.append(contentsOf: s.utf8) }
                    if bytes[start...].elementsEqual(s.utf8) { same[k >> 6] |= 1 << UInt64(k & 63) }
                }
                offsets.append(UInt32(bytes.count))
            }
            self.bytes = bytes
            self.offsets = offsets
            self.same = same
        }

        func folded(_ k: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[k])..<Int(offsets[k + 1])] }
        func isSame(_ k: Int) -> Bool { same[k >> 6] & (1 << UInt64(k & 63)) != 0 }
    }

    /// The folded UTF-8 of `s`, or nil when it is outside the table (and folds to itself, apart
    /// from rare scripts with case).
    static func folded(_ s: Unicode.Scalar) -> ArraySlice<UInt8>? {
        let v = s.value
        if lowRange.contains(v) { return low.folded(Int(v - lowRange.lowerBound)) }
        if fullwidthRange.contains(v) { return fullwidth.folded(Int(v - fullwidthRange.lowerBound)) }
        if Lookalikes.isInvisible(s) { return [] }
        return nil
    }

    /// Whether the table folds `s` to itself (true outside the table's ranges, where it has no entry).
    static func foldsToItself(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if lowRange.contains(v) { return low.isSame(Int(v - lowRange.lowerBound)) }
        if fullwidthRange.contains(v) { return fullwidth.isSame(Int(v - fullwidthRange.lowerBound)) }
        return !Lookalikes.isInvisible(s)
    }
}
