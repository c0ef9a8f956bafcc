import ArgumentParser
import Foundation
import Reporting
import Rules

/// Output formats of `check`.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif, github, gitlab
}

/// `textgate check`: checks messages and reports findings.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check messages against the rules.",
        discussion: "Each argument is one message; with none, standard input is one message; --lines checks every line of a file as its own message."
    )

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: "Output format: text, json, jsonl, sarif, github or gitlab (Code Quality).")
    var format: CheckFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: error or warning.")
    var failOn: FailLevel = .error

    @Option(help: ArgumentHelp("Check every line of FILE as its own message (- for standard input).", valueName: "FILE"))
    var lines: String?

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Give findings' messages and suggestions in LANG: en (the default) or es (a tag such as es-MX works too).",
        valueName: "LANG"))
    var language = "en"

    @Argument(help: "Messages to check.")
    var messages: [String] = []

    func run() throws {
        guard let code = Ruleset.messageLanguage(language) else {
            Console.error("textgate: --lang \(language): findings can be given in \(Ruleset.messageLanguages.joined(separator: " and ")); use one of them")
            throw ExitStatus.usage.code
        }
        let ruleset = try rulesOptions.load()
        if let output { try ReportFile.redirectStandardOutput(to: output) }
        var out = Output()
        var writer = JSONWriter()
        var collected: [CheckedMessage] = []
        var failing = false
        var unreadable = 0
        // Property-wrapper reads are slow; the loop below runs once per message.
        let format = self.format, failSeverity = failOn.severity
        func handle(source: String, number: Int, firstLine: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            do throws(InvalidUTF8) {
                record(source: source, number: number, firstLine: firstLine, bytes, .success(try ruleset.check(utf8: bytes)))
            } catch {
                record(source: source, number: number, firstLine: firstLine, bytes, .failure(error))
            }
        }
        func record(source: String, number: Int, firstLine: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                    _ result: Result<Report, InvalidUTF8>) {
            var report: Report?
            var problem: String?
            switch result {
            case .success(let r): report = ruleset.localized(r, code: code)
            case .failure(let e):
                problem = e.description
                unreadable += 1
            }
            if let report, report.reaches(failSeverity) { failing = true }
            let needsText = format == .text && (problem != nil || !(report?.findings.isEmpty ?? true))
            let checked = CheckedMessage(source: source, number: number, firstLine: firstLine,
                                         text: needsText ? String(decoding: bytes, as: UTF8.self) : "",
                                         report: report, error: problem)
            guard format == .jsonl else { collected.append(checked); return }
            JSONLinesReporter.appendRecord(checked, to: &writer)
            writer.bytes.append(0x0A)
            if writer.bytes.count >= 1 << 16 { out.write(bytes: &writer.bytes) }
        }
        if let lines {
            guard messages.isEmpty else {
                Console.error("textgate: give messages as arguments or with --lines, not both")
                throw ExitStatus.usage.code
            }
            let source = lines == "-" ? "stdin" : lines
            if format == .jsonl {
                // The streaming path: records are written as they are made.
                var stream = JSONLinesStream(source: source, failOn: failSeverity, rulesVersion: ruleset.version)
                // Reports are in English: most runs need not pass each one through a translation.
                let translated = code != "en"
                try LineReader(path: lines).forEachBlock { first, ranges, buffer in
                    ruleset.check(batch: ranges.count, message: { UnsafeBufferPointer(rebasing: buffer[ranges[$0]]) }) { k, result in
                        // Not one call with `translated ? … : result`: that copies every result first.
                        if translated {
                            stream.add(number: first + k, result.map { ruleset.localized($0, code: code) })
                        } else {
                            stream.add(number: first + k, result)
                        }
                    }
                }
                stream.finish()
                if stream.unreadable { throw ExitStatus.unreadableInput.code }
                if stream.failing { throw ExitStatus.findings.code }
                return
            }
            // A block's lines are checked as one batch: the scan keeps two lines in flight.
            try LineReader(path: lines).forEachBlock { first, ranges, buffer in
                ruleset.check(batch: ranges.count, message: { UnsafeBufferPointer(rebasing: buffer[ranges[$0]]) }) { k, result in
                    record(source: source, number: first + k, firstLine: first + k,
                           UnsafeBufferPointer(rebasing: buffer[ranges[k]]), result)
                }
            }
        } else {
            let input = try MessageInput.read(arguments: messages, lines: nil)
            input.storage.withUnsafeBufferPointer { storage in
                for m in input.messages {
                    handle(source: m.source, number: m.number, firstLine: 1, UnsafeBufferPointer(rebasing: storage[m.range]))
                }
            }
        }
        switch format {
        case .jsonl: out.write(bytes: &writer.bytes)
        case .json: out.write(JSONLinesReporter.renderDocument(collected))
        case .text:
            out.write(TextReporter.render(collected, colour: output == nil && Terminal.colour(1)))
            out.write(TextReporter.summary(FindingTally(collected), rulesVersion: ruleset.version))
        case .sarif:
            out.write(SARIFReporter.render(collected, rules: ruleset.rules.map(RuleDescriptor.init), rulesVersion: ruleset.version,
                                           helpBaseURL: ruleset.settings.helpBaseURL,
                                           root: ArtifactLocation.root(from: FileManager.default.currentDirectoryPath)))
        case .github: out.write(GitHubReporter.render(collected))
        case .gitlab: out.write(GitLabReporter.render(collected, root: ArtifactLocation.root(from: FileManager.default.currentDirectoryPath)))
        }
        out.flush()
        if unreadable > 0 {
            // Machine formats put it in the report; say it where a person running them looks too.
            if format != .text {
                Console.error("textgate: \(unreadable) message\(unreadable == 1 ? "" : "s") could not be checked (not valid UTF-8); exit 3")
            }
            throw ExitStatus.unreadableInput.code
        }
        if failing { throw ExitStatus.findings.code }
    }
}

/// The least severity that makes `check` exit 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning

    var severity: Severity { self == .error ? .error : .warning }
}
