import Foundation

/// A message as the matcher sees it: NFKC, case-folded, with invisible characters removed and
/// lookalike letters mapped to Latin, plus a map from every byte back to the original text.
///
/// Pure-ASCII text needs none of this (folding is done by the automaton's byte classes), so
/// callers build a `NormalizedText` only for text with non-ASCII bytes.
public struct NormalizedText: Sendable {
    /// The normalised text as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// For each normalised byte, the index of the first original Unicode scalar it came from.
    public private(set) var scalarStart: [Int32] = []
    /// For each normalised byte, one past the index of the last original scalar it came from.
    public private(set) var scalarEnd: [Int32] = []
    /// For each original scalar index, its UTF-8 byte offset in the original; one extra entry at the end.
    public private(set) var originalByteOffset: [Int32] = []

    /// Normalises `text`.
    public init(_ text: String) {
        // Combining marks compose with the letter before them, so such text goes character by
        // character; everything else is folded one scalar at a time from a precomputed table.
        if text.unicodeScalars.contains(where: NormalizedText.composes) {
            self.init(byCharacter: text)
        } else {
            self.init(byScalar: text)
        }
    }

    /// Normalises `text` one scalar at a time.
    init(byScalar text: String) {
        bytes.reserveCapacity(text.utf8.count)
        scalarStart.reserveCapacity(text.utf8.count)
        scalarEnd.reserveCapacity(text.utf8.count)
        originalByteOffset.reserveCapacity(text.utf8.count + 1)
        var index: Int32 = 0
        var byteOffset: Int32 = 0
        for s in text.unicodeScalars {
            originalByteOffset.append(byteOffset)
            byteOffset += Int32(UTF8.width(s))
            if s.isASCII {
                let b = UInt8(s.value)
                append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b, from: index, to: index + 1)
            } else if let folded = FoldTable.folded(s) {
                for b in folded { append(b, from: index, to: index + 1) }
            } else {
                for b in String(s).utf8 { append(b, from: index, to: index + 1) }
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
            for b in NormalizedText.fold(ch).utf8 {
                append(b, from: scalarIndex, to: scalarIndex + count)
            }
        }
        originalByteOffset.append(byteOffset)
    }

    /// Builds the fold table now rather than on the first non-ASCII message.
    public static func prepare() { _ = FoldTable.folded("é") }

    /// Marks that combine with the scalar before them (variation selectors do not change text).
    static func composes(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0x0300 else { return false }
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

    /// The matcher's form of one character: invisible removed, lookalikes mapped, NFKC, case-folded.
    static func fold(_ ch: Character) -> String {
        var view = String.UnicodeScalarView()
        for s in ch.unicodeScalars where !Lookalikes.isInvisible(s) {
            view.append(Lookalikes.latin(for: s) ?? s)
        }
        if view.isEmpty { return "" }
        let nfkc = String(view).precomposedStringWithCompatibilityMapping
        let folded = nfkc.folding(options: [.caseInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for s in folded.unicodeScalars where !Lookalikes.isInvisible(s) {
            out.append(Lookalikes.latin(for: s) ?? s)
        }
        return String(out)
    }

    /// The original scalar range of normalised bytes `range`.
    public func originalScalars(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < scalarStart.count ? Int(scalarStart[range.lowerBound])
                : Int(originalByteOffset.count - 1)
            return at..<at
        }
        return Int(scalarStart[range.lowerBound])..<Int(scalarEnd[range.upperBound - 1])
    }
}
