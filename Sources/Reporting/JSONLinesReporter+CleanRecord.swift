import Rules

extension JSONLinesReporter {
    /// The bytes after the line number in the record of a message without findings: the same
    /// for every such message under one rules version, so a stream can keep them and write each
    /// clean record with `writeCleanRecord(number:tail:to:)`.
    public static func cleanRecordTail(rulesVersion: String) -> [UInt8] {
        var w = JSONWriter()
        appendReport(Report(rulesVersion: rulesVersion, findings: []), to: &w)
        return w.bytes
    }

    /// Room `writeCleanRecord` needs besides its tail: the opening and the longest line number.
    public static let cleanRecordHeadroom = 32

    /// Writes the record of line `number`, a message without findings, at `out`, which must have
    /// room for `cleanRecordHeadroom + tail.count` bytes, and returns the number of bytes written.
    /// - Parameter tail: `cleanRecordTail(rulesVersion:)` for the report's rules version.
    public static func writeCleanRecord(number: Int, tail: UnsafePointer<UInt8>, count: Int,
                                        to out: UnsafeMutablePointer<UInt8>) -> Int {
        let head: StaticString = "{\"line\":"
        out.update(from: head.utf8Start, count: head.utf8CodeUnitCount)
        var at = head.utf8CodeUnitCount
        at += JSONWriter.writeDecimal(number, to: out + at)
        (out + at).update(from: tail, count: count)
        return at + count
    }
}
