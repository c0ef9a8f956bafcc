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
