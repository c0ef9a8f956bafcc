import ArgumentParser
import Foundation
import Messaging
import OptOut
import Storage

/// `textgate optout`: moving a practice's opt-out list in and out as CSV, and classifying
/// inbound texts as the server would.
struct OptOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout", abstract: "Import or export the consent ledger as CSV; classify inbound texts.",
        subcommands: [Import.self, Export.self, Classify.self])

    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "classify",
            abstract: "Classify inbound texts (opt-out, opt-in, help, revocation, message) with the built-in keywords.",
            discussion: "Each argument is one text; with --lines FILE every line of FILE is one (- reads standard input); with neither, every line of standard input is one.")
        enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, text }

        @Option(help: ArgumentHelp("Classify every line of FILE (- for standard input).", valueName: "FILE")) var lines: String?
        @Option(help: "Output format: jsonl (one object per text) or text.") var format: Format = .jsonl
        @Argument(help: "Texts to classify.") var texts: [String] = []

        func validate() throws {
            if lines != nil && !texts.isEmpty { throw ValidationError("give texts as arguments or --lines FILE, not both") }
        }

        func run() throws {
            let classifier = KeywordClassifier()
            func emit(_ line: Int, _ text: String) {
                let c = classifier.classify(text)
                switch format {
                case .jsonl:
                    let trigger = c.trigger.map(JSONText.quote) ?? "null"
                    let language = c.language.map { JSONText.quote($0.rawValue) } ?? "null"
                    print("{\"line\":\(line),\"intent\":\(JSONText.quote(c.intent.rawValue)),\"trigger\":\(trigger),\"language\":\(language)}")
                case .text:
                    print("\(line): \(c.intent.rawValue)\(c.trigger.map { " \"\($0)\"" } ?? "") [\(c.language?.rawValue ?? "unknown language")]")
                }
            }
            if texts.isEmpty {
                // Inbound texts are never refused for their bytes: invalid UTF-8 is replaced.
                try LineReader(path: lines ?? "-").forEachLine { n, bytes in emit(n, InboundText.clean(bytes: bytes).text) }
            } else {
                for (i, text) in texts.enumerated() { emit(i + 1, text) }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Append the rows of a CSV file (phone,practice_number,action,source,text,at) to the ledger.")
        @OptionGroup var database: KeysCommand.Database
        @Argument(help: "The CSV file (- for standard input).") var file: String

        func run() async throws {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
            guard let data, let text = String(data: data, encoding: .utf8) else {
                Console.error("textgate: cannot read \(file) as UTF-8 text")
                throw ExitStatus.unreadableInput.code
            }
            switch ConsentCSV.parse(text, actor: "import", now: Date()) {
            case .failure(let problems):
                for p in problems.all { Console.error("\(file):\(p.line): error: \(p.message)") }
                Console.error("textgate: nothing was imported")
                throw ExitStatus.usage.code
            case .success(let events):
                let store = try await ServeCommand.openStore(database.db)
                for e in events { try await store.appendConsent(e) }
                try await store.close()
                print("Imported \(events.count) consent changes.")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every consent change as CSV.")
        @OptionGroup var database: KeysCommand.Database
        @Option(help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE")) var output: String?

        func run() async throws {
            let store = try await ServeCommand.openStore(database.db)
            let csv = ConsentCSV.export(try await store.allConsentEvents())
            try await store.close()
            if let output { try FileOutput.write(csv, to: output) } else { print(csv, terminator: "") }
        }
    }
}
