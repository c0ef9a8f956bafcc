import ArgumentParser
import Rules

/// The `textgate` command line: check messages against a rules directory.
struct Textgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "textgate",
        abstract: "A compliance gate for patient texting: checks messages against carrier and regulatory rules.",
        discussion: """
        Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 invalid rules or usage; \
        3 an input cannot be read.
        """,
        version: TextgateVersion.current,
        subcommands: [CheckCommand.self, LintCommand.self, LSPCommand.self, InitCommand.self, InspectCommand.self, RulesCommand.self, ServeCommand.self, KeysCommand.self, OptOutCommand.self, BroadcastCommand.self]
    )
}

/// The process exit codes.
enum ExitStatus: Int32 {
    case clean = 0, findings = 1, usage = 2, unreadableInput = 3

    var code: ExitCode { ExitCode(rawValue) }
}
