import Foundation
import Testing

@Suite("check: where messages come from", .enabled(if: CLI.available, "the textgate binary was not found"))
struct CheckInputTests {
    @Test("each argument is one message, named argN")
    func arguments() throws {
        let r = try CLI.run(["check", "--format", "jsonl", "See you Monday", "Try CBD", "bit.ly/x"])
        let records = try r.jsonLines()
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3])
        #expect(records.map { $0["decision"] as? String } == ["allow", "block", "block"])
        let text = try CLI.run(["check", "See you Monday", "Try CBD"])
        #expect(text.stdout.hasPrefix("arg2:1:5: error: "), "\(text)")
    }

    @Test("an argument that is not UTF-8 is refused as standard input is: exit 3, not repaired and passed")
    func invalidArgument() throws {
        let binary = try #require(CLI.binary)
        // Foundation passes arguments as Swift strings, always valid UTF-8: a shell writes the byte.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" check --no-config --format jsonl \"$(printf 'Hello \\377 there')\"", binary.path]
        let out = Pipe()
        shell.standardOutput = out
        shell.standardError = Pipe()
        try shell.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 3)
        #expect(String(decoding: data, as: UTF8.self).contains("invalid UTF-8 at byte 6"))
    }

    @Test("with no arguments standard input is one message, newlines and all")
    func standardInput() throws {
        let r = try CLI.run(["check", "--format", "jsonl"], stdin: "Hello.\nTry CBD\nBye")
        let records = try r.jsonLines()
        try #require(records.count == 1, "\(r)")
        let finding = try #require((records[0]["findings"] as? [[String: Any]])?.first)
        #expect(finding["line"] as? Int == 2)
        #expect(finding["column"] as? Int == 5)
        #expect(finding["start"] as? Int == 11)
        let text = try CLI.run(["check"], stdin: "Hello.\nTry CBD\nBye")
        #expect(text.stdout.hasPrefix("stdin:2:5: error: "), "\(text)")
    }

    @Test("--lines FILE checks each line as a message and reports file lines; LF, CR LF and a lone CR end a line",
          arguments: ["\n", "\r\n", "\r"])
    func linesFile(eol: String) throws {
        let file = try CLI.temporaryFile(Data((["See you Monday", "Try CBD", "", "Use promo code SPRING"].joined(separator: eol) + eol).utf8))
        defer { CLI.remove(file) }
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", file.path])
        let records = try r.jsonLines()
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3, 4], "\(r)")
        #expect(records.map { $0["decision"] as? String } == ["allow", "block", "allow", "warn"])
        let match = (records[1]["findings"] as? [[String: Any]])?.first?["match"] as? String
        #expect(match == "CBD")
        let text = try CLI.run(["check", "--lines", file.path])
        #expect(text.stdout.hasPrefix("\(file.path):2:5: error: "), "\(text)")
        #expect(text.stdout.contains("\(file.path):4:"))
        #expect(!text.stdout.contains("\r"))
    }

    @Test("a lone CR ends a line wherever it falls, with or without an LF after it, in any block")
    func loneCR() throws {
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", "-"], stdin: "ok\rmore\r\nTry CBD\rlast")
        #expect(r.status == 1, "\(r)")
        let records = try r.jsonLines()
        #expect(records.map { $0["line"] as? Int } == [1, 2, 3, 4], "\(r)")
        #expect(records.map { $0["decision"] as? String } == ["allow", "allow", "block", "allow"], "\(r)")
        // A CR at the end of a 1 MiB read, its LF in the next: one line end, not two.
        let big = try CLI.temporaryFile(Data((String(repeating: "a", count: (1 << 20) - 1) + "\r\nTry CBD\n").utf8))
        defer { CLI.remove(big) }
        let split = try CLI.run(["check", "--format", "jsonl", "--lines", big.path])
        #expect(try split.jsonLines().map { $0["line"] as? Int } == [1, 2], "\(split.stderr)")
        let inspect = try CLI.run(["inspect", "--format", "jsonl", "--lines", "-"], stdin: "ok\rmore\r\nlast")
        #expect(try inspect.jsonLines().count == 3, "\(inspect)")
    }

    @Test("--lines - reads the lines from standard input")
    func linesStdin() throws {
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", "-"], stdin: "fine\nTry CBD\nfine too\n")
        #expect(try r.jsonLines().map { $0["line"] as? Int } == [1, 2, 3], "\(r)")
        let text = try CLI.run(["check", "--lines", "-"], stdin: "fine\nTry CBD\n")
        #expect(text.stdout.hasPrefix("stdin:2:5: error: "), "\(text)")
    }

    @Test("messages as arguments and --lines together are a usage error")
    func both() throws {
        let file = try CLI.temporaryFile(Data("fine\n".utf8))
        defer { CLI.remove(file) }
        let r = try CLI.run(["check", "--lines", file.path, "Try CBD"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("not both"))
    }
}
