import Reporting
import Rules

/// `check --lines FILE --format jsonl`: each record is written as soon as it is made, and no
/// record is kept, so memory stays flat however long the input.
struct JSONLinesStream {
    private var writer = JSONWriter()
    private var out = Output()
    private let source: String
    private let failSeverity: Severity
    /// Whether a finding was at least as severe as `--fail-on`.
    private(set) var failing = false
    /// Whether a line was not valid UTF-8.
    private(set) var unreadable = false

    init(source: String, failOn: Severity) {
        self.source = source
        self.failSeverity = failOn
    }

    /// Writes line `number`'s record.
    mutating func add(number: Int, _ result: Result<Report, InvalidUTF8>) {
        switch result {
        case .success(let report):
            if !failing, report.findings.contains(where: { $0.severity >= failSeverity }) { failing = true }
            JSONLinesReporter.appendRecord(number: number, report: report, to: &writer)
        case .failure(let error):
            unreadable = true
            let checked = CheckedMessage(source: source, number: number, firstLine: number, text: "", report: nil,
                                         error: error.description)
            JSONLinesReporter.appendRecord(checked, to: &writer)
        }
        writer.bytes.append(0x0A)
        if writer.bytes.count >= 1 << 16 { out.write(bytes: &writer.bytes) }
    }

    /// Writes what is left.
    mutating func finish() {
        out.write(bytes: &writer.bytes)
        out.flush()
    }
}
