import ArgumentParser
import Foundation

// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 invalid rules or usage,
// 3 an input cannot be read. ArgumentParser's own usage errors are mapped to 2.
/// Runs a parsed command, choosing the asynchronous `run` for asynchronous commands.
func execute(_ command: inout any ParsableCommand) async throws {
    if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}

do {
    var command = try Textgate.parseAsRoot()
    try await execute(&command)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Textgate.exitCode(for: error)
    if code == .success {
        print(Textgate.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write(Data((Textgate.fullMessage(for: error) + "\n").utf8))
    exit(ExitStatus.usage.rawValue)
}
