import ArgumentParser
import Foundation

// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 invalid rules or usage,
// 3 an input cannot be read. ArgumentParser's own usage errors are mapped to 2.
do {
    var command = try Textgate.parseAsRoot()
    try command.run()
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
