import Foundation

/// A message as the matcher sees it: NFKC, case-folded, with invisible characters and combining
/// marks removed (the tilde of ñ kept) and lookalike letters of other scripts mapped to their
/// Latin skeleton, plus a map from every byte back to the original text.
///
/// Pure-ASCII text needs none of this (folding is done by the automaton's byte classes), so
/// callers build a `NormalizedText` only for text with non-ASCII bytes.
public struct NormalizedText: Sendable {
    /// The normalised text as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// For each normalised byte, the index of the first original Unicode scalar it came from.
    public private(set) var scalarStart: [Int32] = []
    /// For each normalised byte, one past the index of the last original scalar it came from;
    /// empty when every byte came from a single scalar (then it is `scalarStart + 1`).
    private var scalarEnd: [Int32] = []
    /// For each original scalar index, its UTF-8 byte offset in the original; one extra entry at the end.
    public private(set) var originalByteOffset: [Int32] = []

    /// Normalises `text`.
    public init(_ text: String) {
        // Combining marks belong to the letter before them, so such text goes character by
        // character (a match then covers the marks of its last letter); everything else is
        // folded one scalar at a time from a precomputed table.
        if text.unicodeScalars.contains(where: NormalizedText.composes) {
            self.init(byCharacter: text)
        } else {
            self.init(byScalar: text)
        }
    }

    /// Normalises UTF-8 bytes in one pass that also validates them; nil when they are not
    /// valid UTF-8. Most text is folded straight from the bytes, without building a `String`.
    public init?(validating utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        bytes.reserveCapacity(n + 8)
        scalarStart.reserveCapacity(n + 8)
        originalByteOffset.reserveCapacity(n + 1)
        var i = 0
        var index: Int32 = 0
        while i < n {
            let b = utf8[i]
            originalByteOffset.append(Int32(i))
            if b < 0x80 {
                bytes.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
                scalarStart.append(index)
                i += 1
                index += 1
                continue
            }
            guard let (scalar, width) = NormalizedText.decode(utf8, at: i) else { return nil }
            if NormalizedText.composes(scalar) {
                // Rare: combining marks need whole grapheme clusters. Validate the rest, then redo.
                var j = i + width
                while j < n {
                    if utf8[j] < 0x80 { j += 1; continue }
                    guard let (_, w) = NormalizedText.decode(utf8, at: j) else { return nil }
                    j += w
                }
                self = NormalizedText(byCharacter: String(decoding: utf8, as: UTF8.self))
                return
            }
            if let folded = FoldTable.folded(scalar) {
                for f in folded { bytes.append(f); scalarStart.append(index) }
            } else {
                for k in i..<(i + width) { bytes.append(utf8[k]); scalarStart.append(index) }
            }
            i += width
            index += 1
        }
        originalByteOffset.append(Int32(n))
    }

    /// The scalar at `i` and its width, or nil for an invalid sequence (RFC 3629).
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let n = p.count
        let b0 = p[i]
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard i + k < n, p[i + k] >= low, p[i + k] <= high else { return nil }
            return UInt32(p[i + k] & 0x3F)
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { return nil }
            return Unicode.Scalar((UInt32(b0 & 0x1F) << 6) | c1).map { ($0, 2) }
        case 0xE0...0xEF:
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(1, low, high), let c2 = cont(2) else { return nil }
            return Unicode.Scalar((UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2).map { ($0, 3) }
        case 0xF0...0xF4:
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(1, low, high), let c2 = cont(2), let c3 = cont(3) else { return nil }
            return Unicode.Scalar((UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3).map { ($0, 4) }
        default:
            return nil
        }
    }

    /// Normalises `text` one scalar at a time.
    init(byScalar text: String) {
        bytes.reserveCapacity(text.utf8.count)
        scalarStart.reserveCapacity(text.utf8.count)
        originalByteOffset.reserveCapacity(text.utf8.count + 1)
        var index: Int32 = 0
        var byteOffset: Int32 = 0
        for s in text.unicodeScalars {
            originalByteOffset.append(byteOffset)
            byteOffset += Int32(UTF8.width(s))
            if s.isASCII {
                let b = UInt8(s.value)
                bytes.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
                scalarStart.append(index)
            } else if let folded = FoldTable.folded(s) {
                for b in folded { bytes.append(b); scalarStart.append(index) }
            } else {
                for b in String(s).utf8 { bytes.append(b); scalarStart.append(index) }
            }
            index += 1
        }
        originalByteOffset.append(byteOffset)
    }

    /// Normalises `text` one grapheme cluster at a time, for text with combining marks.
    init(byCharacter text: String) {
        bytes.reserveCapacity(text.utf8.count)
        var scalarIndex: Int32 = 0
        var byteOffset: Int32 = 0
        for ch in text {
            let scalars = ch.unicodeScalars
            let count = Int32(scalars.count)
            for s in scalars {
                originalByteOffset.append(byteOffset)
                byteOffset += Int32(UTF8.width(s))
            }
            defer { scalarIndex += count }
            if count == 1, let s = scalars.first, s.isASCII {
                let b = UInt8(s.value)
                append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b, from: scalarIndex, to: scalarIndex + 1)
                continue
            }
            for b in NormalizedText.fold(ch) {
                append(b, from: scalarIndex, to: scalarIndex + count)
            }
        }
        originalByteOffset.append(byteOffset)
    }

    /// Builds the fold table now rather than on the first non-ASCII message.
    public static func prepare() {
        _ = FoldTable.folded("é")
    }

    /// Marks that combine with the scalar before them (variation selectors do not change text).
    static func composes(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0x0300, !PlainSymbols.contains(s.value) else { return false }
        if (0xFE00...0xFE0F).contains(s.value) || (0xE0100...0xE01EF).contains(s.value) { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return (0x1100...0x11FF).contains(s.value)
        }
    }

    private mutating func append(_ b: UInt8, from: Int32, to: Int32) {
        bytes.append(b)
        scalarStart.append(from)
        scalarEnd.append(to)
    }

    /// The matcher's form of one character, as UTF-8: each scalar folded by the table, the
    /// tilde of a decomposed `ñ` kept, conjoining Hangul jamo composed first.
    static func fold(_ ch: Character) -> [UInt8] {
        var scalars = ch.unicodeScalars
        if scalars.contains(where: { (0x1100...0x11FF).contains($0.value) }) {
            scalars = String(ch).precomposedStringWithCanonicalMapping.unicodeScalars
        }
        var out: [UInt8] = []
        for s in scalars {
            if s.isASCII {
                let b = UInt8(s.value)
                out.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
            } else if s.value == 0x0303, out.last == 0x6E {
                out[out.count - 1] = 0xC3
                out.append(0xB1)
            } else if let folded = FoldTable.folded(s) {
                out.append(contentsOf: folded)
            } else {
                out.append(contentsOf: s.utf8)
            }
        }
        return out
    }

    /// The original scalar range of normalised bytes `range`.
    public func originalScalars(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < scalarStart.count ? Int(scalarStart[range.lowerBound])
                : Int(originalByteOffset.count - 1)
            return at..<at
        }
        let last = range.upperBound - 1
        return Int(scalarStart[range.lowerBound])..<(scalarEnd.isEmpty ? Int(scalarStart[last]) + 1 : Int(scalarEnd[last]))
    }
}
