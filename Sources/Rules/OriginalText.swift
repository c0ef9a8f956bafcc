#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Matching

/// The message as the caller gave it, and how the scanned view relates to it.
struct OriginalText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Present when the message was scanned in its normalised form.
    let normalized: NormalizedText?
    /// Whether the message has non-ASCII bytes but was scanned as it is, normalisation having
    /// nothing to change in it but the case of ASCII letters (`UTF8Inertness.inert`).
    let inert: Bool
    /// What the scan of the original bytes counted.
    let counts: ByteCounts

    /// Whether the message is pure ASCII (then its ASCII counts are its character counts).
    var isASCII: Bool { counts.nonASCII == 0 }
}

/// The way back from byte ranges of the scanned view to the original's scalars. For inert text
/// it records where every scalar starts, so it is made only when a finding needs it: a message
/// without findings allocates nothing.
struct ScalarMap {
    let original: OriginalText
    /// For inert text, each scalar's byte offset and one entry for the end; empty otherwise.
    private let scalarOffsets: [Int32]

    init(_ original: OriginalText) {
        self.original = original
        var offsets: [Int32] = []
        if original.inert {
            // A scalar starts at every byte that is not a continuation byte.
            offsets.reserveCapacity(original.bytes.count + 1)
            for (i, b) in original.bytes.enumerated() where b & 0xC0 != 0x80 { offsets.append(Int32(i)) }
            offsets.append(Int32(original.bytes.count))
        }
        scalarOffsets = offsets
    }

    /// Original scalar range of a view byte range.
    func scalars(_ viewRange: Range<Int>) -> Range<Int> {
        if let normalized = original.normalized { return normalized.originalScalars(viewRange) }
        guard original.inert else { return viewRange }
        // As `NormalizedText.originalScalars` maps a range: the start to the scalar holding its
        // byte, the end to one past the scalar holding the last byte.
        let lower = scalarIndex(containingByte: viewRange.lowerBound)
        guard !viewRange.isEmpty else { return lower..<lower }
        return lower..<(scalarIndex(containingByte: viewRange.upperBound - 1) + 1)
    }

    /// The index of the scalar of inert text that holds byte `offset`; the number of scalars
    /// for the end of the text.
    private func scalarIndex(containingByte offset: Int) -> Int {
        // The last scalar starting at or before `offset`.
        var low = 0, high = scalarOffsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(scalarOffsets[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The original byte offset of scalar `i` (the end of the text past the last scalar).
    func byteOffset(ofScalar i: Int) -> Int {
        if let normalized = original.normalized {
            return Int(normalized.originalByteOffset[min(i, normalized.originalByteOffset.count - 1)])
        }
        guard original.inert else { return i }
        return Int(scalarOffsets[min(i, scalarOffsets.count - 1)])
    }

    /// The original text of a scalar range.
    func text(_ scalars: Range<Int>) -> String {
        let from = byteOffset(ofScalar: scalars.lowerBound), to = byteOffset(ofScalar: scalars.upperBound)
        return String(decoding: UnsafeBufferPointer(rebasing: original.bytes[from..<to]), as: UTF8.self)
    }

    /// 1-based line and column (in scalars) of each range's start and end, in one pass over the
    /// text however many ranges there are.
    func places(_ ranges: [Range<Int>]) -> [Place] {
        var result = [Place](repeating: Place(line: 1, column: 1, endLine: 1, endColumn: 1), count: ranges.count)
        guard !ranges.isEmpty else { return result }
        let bytes = original.bytes
        // Pure ASCII on one line (most messages): columns are byte offsets.
        if original.isASCII, bytes.isEmpty || memchr(bytes.baseAddress!, 0x0A, bytes.count) == nil {
            for (k, r) in ranges.enumerated() {
                let s = byteOffset(ofScalar: r.lowerBound), e = byteOffset(ofScalar: r.upperBound)
                result[k] = Place(line: 1, column: s + 1, endLine: 1, endColumn: e + 1)
            }
            return result
        }
        // Every byte offset asked for, as (offset, range index, is end), in order.
        var wanted: [Wanted] = []
        wanted.reserveCapacity(ranges.count * 2)
        for (k, r) in ranges.enumerated() {
            wanted.append(Wanted(offset: byteOffset(ofScalar: r.lowerBound), index: k, end: false))
            wanted.append(Wanted(offset: byteOffset(ofScalar: r.upperBound), index: k, end: true))
        }
        wanted.sort { $0.offset < $1.offset }
        var line = 1, column = 1, i = 0
        for w in wanted {
            while i < w.offset && i < bytes.count {
                let b = bytes[i]
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            if w.end {
                result[w.index].endLine = line
                result[w.index].endColumn = column
            } else {
                result[w.index].line = line
                result[w.index].column = column
            }
        }
        return result
    }

    /// Where a range starts and ends: 1-based lines, and columns in scalars. (A struct, not a
    /// tuple: an array of tuples looks its type up at run time, for every report.)
    struct Place {
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
    }

    /// A byte offset `places` needs, and for which range's start or end.
    private struct Wanted {
        var offset: Int
        var index: Int
        var end: Bool
    }
}
