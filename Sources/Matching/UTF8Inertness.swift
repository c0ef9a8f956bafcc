/// What normalisation would do to a UTF-8 text, found without normalising it.
public enum UTF8Inertness: Sendable, Equatable {
    /// The bytes are not valid UTF-8 (RFC 3629), or not up to the first scalar that would change.
    case invalid
    /// Valid UTF-8 whose every non-ASCII scalar is its own normalised form: `NormalizedText`
    /// would differ from it only in the case of ASCII letters, byte for byte.
    case inert
    /// Valid up to a non-ASCII scalar that normalisation changes (or that composes), so the
    /// text must be normalised; the rest of it has not been looked at.
    case needsNormalizing

    /// Classifies `utf8`, eight ASCII bytes at a time and one table bit per non-ASCII scalar.
    public init(_ utf8: UnsafeBufferPointer<UInt8>) {
        self = InertScalars.classify(utf8)
    }
}

/// Which non-ASCII scalars normalisation leaves as they are, read from the fold table itself
/// so that the two cannot disagree.
enum InertScalars {
    /// The definition, as `NormalizedText(validating:)` folds one scalar at a time: the scalar
    /// does not compose with the one before it and folds to its own UTF-8.
    static func inertByTable(_ s: Unicode.Scalar) -> Bool {
        !NormalizedText.composes(s) && FoldTable.foldsToItself(s)
    }

    /// Whether the non-ASCII scalar `v` (a valid scalar value) is inert. The table folds the
    /// marks of its Unicode version to nothing; marks of later versions, and conjoining Hangul
    /// jamo, fold to themselves but compose.
    @inline(__always)
    static func isInert(_ v: UInt32) -> Bool {
        guard FoldTable.foldsToItself(v), let s = Unicode.Scalar(v) else { return false }
        return !NormalizedText.composes(s)
    }

    static func classify(_ p: UnsafeBufferPointer<UInt8>) -> UTF8Inertness {
        guard let base = p.baseAddress else { return .inert }
        let n = p.count
        let raw = UnsafeRawPointer(base)
        var i = 0
        while true {
            // ASCII is inert: skip it a word at a time, then byte by byte up to the next lead byte.
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < n && base[i] < 0x80 { i += 1 }
            guard i < n else { return .inert }
            // The same sequences as `NormalizedText.decode` accepts (RFC 3629): no overlong forms,
            // no surrogates, nothing above U+10FFFF.
            let b0 = base[i]
            func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
                guard i + k < n else { return nil }
                let c = base[i + k]
                return c >= low && c <= high ? UInt32(c & 0x3F) : nil
            }
            let v: UInt32, width: Int
            switch b0 {
            case 0xC2...0xDF:
                guard let c1 = cont(1) else { return .invalid }
                v = (UInt32(b0 & 0x1F) << 6) | c1
                width = 2
            case 0xE0...0xEF:
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard let c1 = cont(1, low, high), let c2 = cont(2) else { return .invalid }
                v = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
                width = 3
            case 0xF0...0xF4:
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard let c1 = cont(1, low, high), let c2 = cont(2), let c3 = cont(3) else { return .invalid }
                v = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
                width = 4
            default:
                return .invalid
            }
            guard isInert(v) else { return .needsNormalizing }
            i += width
        }
    }
}
