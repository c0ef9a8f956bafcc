import Matching

/// Template placeholders replaced by spaces, one space per Unicode scalar, so that no placeholder
/// triggers a rule or counts as capitals and every offset still points at the template.
public enum Masking {
    /// The masked text and the placeholders' scalar ranges.
    public static func mask(_ text: String, syntaxes: [PlaceholderSyntax] = [.mustache]) -> (masked: String, placeholders: [Range<Int>]) {
        let bytes = Array(text.utf8)
        let ranges = bytes.withUnsafeBufferPointer { Placeholders.find(in: $0, syntaxes: syntaxes).map(\.range) }
        guard !ranges.isEmpty else { return (text, []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var scalarRanges: [Range<Int>] = []
        var scalar = 0
        var i = 0
        var next = 0
        while i < bytes.count {
            let b = bytes[i]
            let isStart = b & 0xC0 != 0x80
            if next < ranges.count, ranges[next].contains(i) {
                if i == ranges[next].lowerBound { scalarRanges.append(scalar..<scalar) }
                if isStart {
                    out.append(b == 0x0A ? 0x0A : 0x20)
                    scalar += 1
                    scalarRanges[scalarRanges.count - 1] = scalarRanges[scalarRanges.count - 1].lowerBound..<scalar
                }
                i += 1
                if i == ranges[next].upperBound { next += 1 }
                continue
            }
            out.append(b)
            if isStart { scalar += 1 }
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), scalarRanges)
    }
}
