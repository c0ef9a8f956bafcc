import ArgumentParser
import Matching
import Reporting

/// `textgate inspect`: what the checker sees in a message.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the links, SMS encoding and segment count the checker sees in each message."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl }

    @Option(help: "Output format: text, json or jsonl.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Inspect every line of FILE as its own message (- for standard input).", valueName: "FILE"))
    var lines: String?

    @Argument(help: "Messages to inspect.")
    var messages: [String] = []

    func run() throws {
        let input = try MessageInput.read(arguments: messages, lines: lines)
        var out = Output()
        var unreadable = false
        if format == .json { out.write("[") }
        for (k, m) in input.messages.enumerated() {
            let bytes = Array(input.storage[m.range])
            guard let text = String(validating: bytes, as: UTF8.self) else {
                Console.error("\(m.source):\(m.number): error: invalid UTF-8; save the text as UTF-8")
                unreadable = true
                continue
            }
            let inspection = MessageInspection(text)
            switch format {
            case .text:
                out.write(InspectionReporter.text(source: m.source, line: m.number, inspection))
            case .json, .jsonl:
                var w = JSONWriter()
                if format == .json { w.raw(k == 0 ? "\n  " : ",\n  ") }
                InspectionReporter.appendRecord(line: m.number, inspection, to: &w)
                if format == .jsonl { w.raw("\n") }
                out.write(bytes: &w.bytes)
            }
        }
        if format == .json { out.write(input.messages.isEmpty ? "]\n" : "\n]\n") }
        out.flush()
        if unreadable { throw ExitStatus.unreadableInput.code }
    }
}
