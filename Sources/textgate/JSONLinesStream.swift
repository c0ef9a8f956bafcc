import Reporting
import Rules

/// `check --lines FILE --format jsonl`: each record is written as soon as it is made, and no
/// record is kept, so memory stays flat however long the input.
///
/// Most records are of clean messages and differ only in their line number: those are written
/// straight into the output block from a kept tail. The others go through `JSONWriter`.
struct JSONLinesStream {
    /// The output block: `capacity` bytes of records, then the clean-record tail, kept in the
    /// same array so that writing a clean record is one buffer access.
    private var block: [UInt8]
    private var used = 0
    private let capacity = 1 << 16
    private let tailCount: Int
    /// Whether a clean record always fits in an empty block (it does but for an absurdly long
    /// rules version, whose records then go through the writer).
    private let cleanFits: Bool
    private let rulesVersion: String
    private var writer = JSONWriter()
    private let source: String
    private let failSeverity: Severity
    /// Whether a finding was at least as severe as `--fail-on`.
    private(set) var failing = false
    /// Whether a line was not valid UTF-8.
    private(set) var unreadable = false

    init(source: String, failOn: Severity, rulesVersion: String) {
        self.source = source
        self.failSeverity = failOn
        self.rulesVersion = rulesVersion
        var tail = JSONLinesReporter.cleanRecordTail(rulesVersion: rulesVersion)
        tail.append(0x0A)
        tailCount = tail.count
        cleanFits = JSONLinesReporter.cleanRecordHeadroom + tail.count <= capacity
        block = [UInt8](repeating: 0, count: capacity) + tail
    }

    /// Writes line `number`'s record.
    mutating func add(number: Int, _ result: Result<Report, InvalidUTF8>) {
        switch result {
        case .success(let report) where cleanFits && report.findings.isEmpty && report.incomplete.isEmpty
            && report.rulesVersion == rulesVersion:
            if used + JSONLinesReporter.cleanRecordHeadroom + tailCount > capacity { flush() }
            let (at, tail, count) = (used, capacity, tailCount)
            used += block.withUnsafeMutableBufferPointer { b in
                JSONLinesReporter.writeCleanRecord(number: number, tail: b.baseAddress! + tail, count: count,
                                                   to: b.baseAddress! + at)
            }
            return
        case .success(let report):
            if !failing, report.reaches(failSeverity) { failing = true }
            JSONLinesReporter.appendRecord(number: number, report: report, to: &writer)
        case .failure(let error):
            unreadable = true
            let checked = CheckedMessage(source: source, number: number, firstLine: number, text: "", report: nil,
                                         error: error.description)
            JSONLinesReporter.appendRecord(checked, to: &writer)
        }
        writer.bytes.append(0x0A)
        if used + writer.bytes.count > capacity { flush() }
        let record = writer.bytes
        if record.count > capacity {
            record.withUnsafeBytes { Output.writeAll($0) }
        } else {
            let at = used
            block.withUnsafeMutableBufferPointer { b in
                record.withUnsafeBufferPointer { (b.baseAddress! + at).update(from: $0.baseAddress!, count: $0.count) }
            }
            used += record.count
        }
        writer.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the records in the block to standard output.
    private mutating func flush() {
        let count = used
        block.withUnsafeBytes { Output.writeAll(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        used = 0
    }

    /// Writes what is left.
    mutating func finish() {
        flush()
    }
}
