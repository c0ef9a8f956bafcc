import ArgumentParser
import Foundation
import Linting

/// `textgate lsp`: a Language Server over standard input and output, for editors.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run a Language Server (JSON-RPC over stdio) that lints templates as they are edited."
    )

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let (ruleset, config) = try rulesOptions.loadConfigured()
        let server = LanguageServer(linter: Linter(ruleset: ruleset, placeholderLength: config?.placeholderLength ?? 10))
        var buffer = Data()
        let input = FileHandle.standardInput
        while !server.exited {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            for message in JSONRPC.messages(&buffer) {
                for reply in server.handle(message) { FileHandle.standardOutput.write(JSONRPC.frame(reply)) }
                if server.exited { break }
            }
        }
    }
}
