import Matching

/// The message as the caller gave it, with the way back from the scanned view to its scalars.
struct OriginalText {
    /// How the scanned view relates to the original bytes.
    enum View {
        /// Pure ASCII, scanned as it is: byte offsets are scalar offsets.
        case ascii
        /// Non-ASCII text that normalisation would leave as it is (`UTF8Inertness.inert`),
        /// scanned as it is: a scalar starts at every byte that is not a continuation byte.
        case inert
        /// The view is the message's normalised form.
        case normalized(NormalizedText)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let view: View
    /// What the scan of the original bytes counted.
    let counts: ByteCounts
    /// For inert text, each scalar's byte offset and one entry for the end; built by `indexScalars()`
    /// when a scalar offset is first needed, so that a message without findings allocates nothing.
    private var scalarOffsets: [Int32] = []

    init(bytes: UnsafeBufferPointer<UInt8>, view: View, counts: ByteCounts) {
        self.bytes = bytes
        self.view = view
        self.counts = counts
    }

    /// Whether the message is pure ASCII (then its ASCII counts are its character counts).
    var isASCII: Bool { counts.nonASCII == 0 }

    /// Whether the view is non-ASCII text scanned as it is, with its capitals.
    var isInert: Bool {
        if case .inert = view { return true }
        return false
    }

    /// Original scalar range of a view byte range.
    mutating func scalars(_ viewRange: Range<Int>) -> Range<Int> {
        switch view {
        case .ascii:
            return viewRange
        case .normalized(let normalized):
            return normalized.originalScalars(viewRange)
        case .inert:
            // As `NormalizedText.originalScalars` maps it: the start to the scalar holding its
            // byte, the end to one past the scalar holding the last byte.
            indexScalars()
            let lower = scalarIndex(containingByte: viewRange.lowerBound)
            guard !viewRange.isEmpty else { return lower..<lower }
            return lower..<(scalarIndex(containingByte: viewRange.upperBound - 1) + 1)
        }
    }

    /// The original byte offset of scalar `i` (the end of the text past the last scalar).
    mutating func byteOffset(ofScalar i: Int) -> Int {
        switch view {
        case .ascii:
            return i
        case .normalized(let normalized):
            return Int(normalized.originalByteOffset[min(i, normalized.originalByteOffset.count - 1)])
        case .inert:
            indexScalars()
            return Int(scalarOffsets[min(i, scalarOffsets.count - 1)])
        }
    }

    /// The index of the scalar that holds byte `offset` of inert text; the number of scalars
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

    /// Records where each scalar of inert text starts, once.
    private mutating func indexScalars() {
        guard scalarOffsets.isEmpty else { return }
        var offsets: [Int32] = []
        offsets.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { offsets.append(Int32(i)) }
        offsets.append(Int32(bytes.count))
        scalarOffsets = offsets
    }

    /// The original text of a scalar range.
    mutating func text(_ scalars: Range<Int>) -> String {
        let from = byteOffset(ofScalar: scalars.lowerBound), to = byteOffset(ofScalar: scalars.upperBound)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// 1-based line and column (in scalars) of a range's start and end.
    mutating func place(_ scalars: Range<Int>) -> (line: Int, column: Int, endLine: Int, endColumn: Int) {
        let startByte = byteOffset(ofScalar: scalars.lowerBound)
        let endByte = byteOffset(ofScalar: scalars.upperBound)
        var line = 1, column = 1
        var result = (line: 1, column: 1, endLine: 1, endColumn: 1)
        var i = 0
        while i <= endByte {
            if i == startByte { result.line = line; result.column = column }
            if i == endByte { result.endLine = line; result.endColumn = column; break }
            let b = bytes[i]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return result
    }
}
