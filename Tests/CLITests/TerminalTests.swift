import Foundation
import Testing

/// Runs textgate under `script`, so its standard output is a terminal, as a person's is.
enum TerminalRun {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ arguments: [String], environment extra: [String: String]) throws -> String {
        let binary = try #require(CLI.binary)
        let command = ([binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(script))
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env["TERM"] = "xterm"
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("lint and check: colour on a terminal only, and never under NO_COLOR", .enabled(if: CLI.available && TerminalRun.script != nil, "the textgate binary or script(1) was not found"))
struct TerminalTests {
    static let file = "fixtures/templates/violations/results-ready.txt"

    @Test("on a terminal the severity is coloured")
    func colour() throws {
        let out = try TerminalRun.run(["lint", Self.file], environment: [:])
        #expect(out.contains("\u{1B}[1;31merror:\u{1B}[0m"), "\(out)")
    }

    @Test("NO_COLOR turns colour off on a terminal, for lint and check")
    func noColor() throws {
        let lint = try TerminalRun.run(["lint", Self.file], environment: ["NO_COLOR": "1"])
        #expect(lint.contains("error:") && !lint.contains("\u{1B}["), "\(lint)")
        let check = try TerminalRun.run(["check", "Try CBD"], environment: ["NO_COLOR": "1"])
        #expect(check.contains("error:") && !check.contains("\u{1B}["), "\(check)")
    }

    @Test("linting 200 templates on a terminal shows a progress line on standard error, cleared at the end")
    func progress() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        for i in 0..<200 { try scratch.write("t/visit-\(i).txt", "Your appointment is tomorrow at 9:00.\n") }
        let out = try TerminalRun.run(["lint", scratch.path + "/t"], environment: ["NO_COLOR": "1"])
        #expect(out.contains("linting templates: "), "\(out.suffix(300))")
        #expect(out.contains("/200"))
        #expect(out.contains("\r\u{1B}[2K0 errors"), "the line is cleared before the summary: \(out.suffix(300))")
        let piped = try Lint.run([scratch.path + "/t"])
        #expect(!piped.stderr.contains("linting templates"), "\(piped)")
    }

    @Test("through a pipe there is no colour and no progress line")
    func pipe() throws {
        let r = try Lint.run([Self.file])
        #expect(!r.stdout.contains("\u{1B}[") && !r.stderr.contains("\u{1B}["), "\(r)")
    }
}
