import Matching

/// The message as the caller gave it, with the way back from the scanned view to its scalars.
struct OriginalText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Present when the message was not pure ASCII and the view is its normalised form.
    let normalized: NormalizedText?
    /// What the scan of the original bytes counted.
    let counts: ByteCounts

    /// Original scalar range of a view byte range.
    func scalars(_ viewRange: Range<Int>) -> Range<Int> {
        normalized?.originalScalars(viewRange) ?? viewRange
    }

    func byteOffset(ofScalar i: Int) -> Int {
        guard let normalized else { return i }
        return Int(normalized.originalByteOffset[min(i, normalized.originalByteOffset.count - 1)])
    }

    /// The original text of a scalar range.
    func text(_ scalars: Range<Int>) -> String {
        let from = byteOffset(ofScalar: scalars.lowerBound), to = byteOffset(ofScalar: scalars.upperBound)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// 1-based line and column (in scalars) of a range's start and end.
    func place(_ scalars: Range<Int>) -> (line: Int, column: Int, endLine: Int, endColumn: Int) {
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
