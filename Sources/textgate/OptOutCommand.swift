import ArgumentParser
import Foundation
import OptOut
import Storage

/// `textgate optout`: moving a practice's opt-out list in and out as CSV.
struct OptOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout", abstract: "Import or export the consent ledger as CSV.",
        subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append the rows of a CSV file (phone,practice_number,action,source,text,at) to the ledger.")
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
        static let configuration = CommandConfiguration(abstract: "Write every consent change as CSV.")
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
