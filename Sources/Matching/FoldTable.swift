/// The matcher's fold of every Unicode scalar, looked up in pages of 256 scalars built once:
/// the generated `embeddedFolds` (NFKC_Casefold, combining marks dropped but for the tilde of
/// ñ, UTS #39 confusable skeletons of letters and digits; see `scripts/update-fold-table.sh`)
/// with the typographic punctuation and the pictographs of `Lookalikes` on top.
enum FoldTable {
    private static let table = Pages(folds: FoldTable.folds())

    /// The folds that differ from the scalar itself, by scalar value, as UTF-8.
    static func folds() -> [UInt32: [UInt8]] {
        var folds: [UInt32: [UInt8]] = [:]
        folds.reserveCapacity(14_000)
        var text = embeddedFolds
        text.withUTF8 { bytes in
            var i = 0
            func hex() -> UInt32? {
                var v: UInt32 = 0, digits = 0
                while i < bytes.count, let d = hexDigit(bytes[i]) { v = v << 4 | d; digits += 1; i += 1 }
                return digits > 0 ? v : nil
            }
            while i < bytes.count {
                guard let from = hex() else { i += 1; continue }
                var to: [UInt8] = []
                while i < bytes.count && bytes[i] != 0x0A {
                    if let v = hex(), let s = Unicode.Scalar(v) { to.append(contentsOf: s.utf8) } else { i += 1 }
                }
                folds[from] = to
            }
        }
        for (from, to) in Lookalikes.punctuation { folds[from] = [to] }
        for range in Lookalikes.pictographs {
            for v in range where folds[v] == nil { folds[v] = [0x20] }
        }
        return folds
    }

    private static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    /// The folded UTF-8 of each scalar of the pages that hold a change, end to end in one array.
    private struct Pages {
        /// For each 256 scalars, the number of its page, or 0 when all of them fold to themselves.
        let pageOf: [UInt16]
        /// Scalar `j` of page `p` folds to `bytes[offsets[k] ..< offsets[k + 1]]`, `k = (p - 1) * 256 + j`.
        let offsets: [UInt32]
        let bytes: [UInt8]
        /// Whether scalar `k` (numbered as in `offsets`) folds to itself: a bit per scalar.
        let same: [UInt64]

        init(folds: [UInt32: [UInt8]]) {
            var pageOf = [UInt16](repeating: 0, count: 0x1100)
            let pages = Set(folds.keys.map { Int($0 >> 8) }).sorted()
            for (n, page) in pages.enumerated() { pageOf[page] = UInt16(n + 1) }
            var bytes: [UInt8] = []
            var offsets: [UInt32] = [0]
            offsets.reserveCapacity(pages.count * 256 + 1)
            var same = [UInt64](repeating: 0, count: pages.count * 4)
            for (n, page) in pages.enumerated() {
                for j in 0..<256 {
                    let v = UInt32(page << 8 | j)
                    if let folded = folds[v] {
                        bytes.append(contentsOf: folded)
                    } else {
                        let k = n * 256 + j
                        same[k >> 6] |= 1 << UInt64(k & 63)
                        if let s = Unicode.Scalar(v) { bytes.append(contentsOf: s.utf8) }
                    }
                    offsets.append(UInt32(bytes.count))
                }
            }
            self.pageOf = pageOf
            self.offsets = offsets
            self.bytes = bytes
            self.same = same
        }

        /// The index of `v` in `offsets` and `same`, or nil when its page has no change.
        @inline(__always)
        func index(_ v: UInt32) -> Int? {
            let page = pageOf.withUnsafeBufferPointer { Int($0[Int(v >> 8)]) }
            return page == 0 ? nil : (page - 1) << 8 | Int(v & 0xFF)
        }
    }

    /// The folded UTF-8 of `s`, or nil when it folds to itself.
    static func folded(_ s: Unicode.Scalar) -> ArraySlice<UInt8>? {
        let t = table
        guard let k = t.index(s.value), t.same[k >> 6] & (1 << UInt64(k & 63)) == 0 else { return nil }
        return t.bytes[Int(t.offsets[k])..<Int(t.offsets[k + 1])]
    }

    /// Whether the fold leaves the scalar value `v` as it is.
    @inline(__always)
    static func foldsToItself(_ v: UInt32) -> Bool {
        let t = table
        guard let k = t.index(v) else { return true }
        return t.same.withUnsafeBufferPointer { $0[k >> 6] & (1 << UInt64(k & 63)) != 0 }
    }

    /// Whether the fold leaves `s` as it is.
    static func foldsToItself(_ s: Unicode.Scalar) -> Bool { foldsToItself(s.value) }
}
