import Matching
import Rules

/// One checked message and where it came from: the input to every reporter.
public struct CheckedMessage: Sendable {
    /// The input's name: a file path, `stdin`, or `argN` for the Nth argument.
    public var source: String
    /// The message's number in its input (its line in a `--lines` file): the record's `line`.
    public var number: Int
    /// The line of `source` on which the message starts.
    public var firstLine: Int
    /// The message text; reporters that quote the line need it when there are findings.
    public var text: String
    /// The check's result, or nil when the message could not be checked.
    public var report: Report?
    /// Why the message could not be checked (for example invalid UTF-8).
    public var error: String?
    /// The template's name in a catalog, when the message is a template.
    public var name: String?
    /// The SMS encoding and segments, when reported (templates).
    public var encoding: SMSEncoding?
    /// The template's language (`es`, `pt-BR`), when known.
    public var locale: String?

    /// A checked message.
    public init(source: String, number: Int, firstLine: Int, text: String, report: Report?, error: String? = nil,
                name: String? = nil, encoding: SMSEncoding? = nil, locale: String? = nil) {
        self.name = name
        self.locale = locale
        self.encoding = encoding
        self.source = source
        self.number = number
        self.firstLine = firstLine
        self.text = text
        self.report = report
        self.error = error
    }

    /// The source line of a finding.
    public func sourceLine(of finding: Finding) -> Int { firstLine + finding.line - 1 }
    /// The source line of a finding's end.
    public func sourceEndLine(of finding: Finding) -> Int { firstLine + finding.endLine - 1 }
}

/// Counts over a set of checked messages, for summaries.
public struct FindingTally: Sendable, Equatable {
    /// Findings by severity.
    public var errors = 0, warnings = 0, infos = 0
    /// Messages read.
    public var messages = 0
    /// Messages that could not be checked (invalid UTF-8, an unreadable file).
    public var unreadable = 0
    /// Messages a rule could not finish checking (its regex hit a limit).
    public var incomplete = 0

    /// Tallies `messages`.
    public init(_ messages: [CheckedMessage]) {
        self.messages = messages.count
        for m in messages {
            add(m.report)
            if m.error != nil { unreadable += 1 }
        }
    }

    /// Adds one report.
    public mutating func add(_ report: Report?) {
        if report?.incomplete.isEmpty == false { incomplete += 1 }
        for f in report?.findings ?? [] {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }

    /// "2 errors, 1 warning in 5 messages", then ", 1 not fully checked" and ", 1 unreadable"
    /// when some messages were not wholly checked.
    public var summary: String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var counts = "\(n(errors, "error")), \(n(warnings, "warning")), \(n(infos, "info")) in \(n(messages, "message"))"
        if incomplete > 0 { counts += ", \(incomplete) not fully checked" }
        return unreadable == 0 ? counts : counts + ", \(unreadable) unreadable"
    }
}
