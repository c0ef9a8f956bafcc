import Foundation
import Testing

@Suite("check: exit codes", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ExitCodeTests {
    @Test("0 when nothing reaches --fail-on, 1 when something does")
    func findings() throws {
        #expect(try CLI.run(["check", "See you Monday"]).status == 0)
        #expect(try CLI.run(["check", "Try CBD"]).status == 1)
        #expect(try CLI.run(["check", "fine", "Try CBD", "fine"]).status == 1)
    }

    @Test("warnings fail only with --fail-on warning")
    func failOnWarning() throws {
        let promo = "Use promo code SPRING at checkout."
        #expect(try CLI.run(["check", promo]).status == 0)
        #expect(try CLI.run(["check", "--fail-on", "warning", promo]).status == 1)
        #expect(try CLI.run(["check", "--fail-on", "error", promo]).status == 0)
        #expect(try CLI.run(["check", "--fail-on", "warning", "See you Monday"]).status == 0)
        #expect(try CLI.run(["check", "--fail-on", "bogus", promo]).status == 2)
    }

    @Test("info findings never fail")
    func info() throws {
        let r = try CLI.run(["check", "--rules", "fixtures/rulesets/valid/severities", "--fail-on", "warning", "duly noted"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("info: "))
    }

    @Test("an error rule that stops at its regex limit fails closed: exit 1, counted, named as an error")
    func incompleteErrorRule() throws {
        let rules = "fixtures/rulesets/valid/catastrophic-regex-error"
        let text = String(repeating: "a", count: 60) + "!"
        let plain = try CLI.run(["check", "--rules", rules, text])
        #expect(plain.status == 1, "\(plain)")
        #expect(plain.stdout.contains("error: rule `nested-quantifier-error` stopped at its regex match limit"), "\(plain.stdout)")
        #expect(plain.stdout.contains("1 not fully checked"), "\(plain.stdout)")
        let lines = try CLI.run(["check", "--rules", rules, "--format", "jsonl", text])
        #expect(lines.status == 1, "\(lines)")
        #expect(try lines.jsonLines().first?["decision"] as? String == "block")
        let file = try CLI.temporaryFile(Data((text + "\n").utf8))
        defer { CLI.remove(file) }
        let streamed = try CLI.run(["check", "--rules", rules, "--format", "jsonl", "--lines", file.path])
        #expect(streamed.status == 1, "\(streamed)")
    }

    @Test("2 for an invalid rules directory, printing every problem and checking nothing")
    func invalidRules() throws {
        let dir = "fixtures/rulesets/invalid/three-broken-files"
        let r = try CLI.run(["check", "--rules", dir, "Try CBD"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        let expected = try String(contentsOf: CLI.root.appendingPathComponent("\(dir)/expected.txt"), encoding: .utf8)
        for line in expected.split(separator: "\n") { #expect(r.stderr.contains(line)) }
        #expect(r.stderr.contains("nothing was checked"))
    }

    @Test("2 for a rules directory that does not exist")
    func missingRules() throws {
        let r = try CLI.run(["check", "--rules", "fixtures/rulesets/no-such-dir", "fine"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("fixtures/rulesets/no-such-dir"))
    }

    @Test("2 for an unknown option or command")
    func usage() throws {
        let option = try CLI.run(["check", "--bogus", "fine"])
        #expect(option.status == 2, "\(option)")
        #expect(option.stderr.contains("--bogus"))
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }

    @Test("3 when the --lines file cannot be read")
    func missingFile() throws {
        let r = try CLI.run(["check", "--lines", "fixtures/messages/no-such-file.txt"])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.contains("cannot read fixtures/messages/no-such-file.txt"))
    }

    @Test("3 when a line is not UTF-8; the other lines are still checked and reported")
    func invalidUTF8() throws {
        var input = Data("fine\n".utf8)
        input.append(contentsOf: [0x61, 0x62, 0xFF, 0x0A])
        input.append(Data("Try CBD\n".utf8))
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", "-"], stdin: input)
        #expect(r.status == 3, "\(r)")
        let records = try r.jsonLines()
        try #require(records.count == 3)
        #expect(records[1]["line"] as? Int == 2)
        #expect((records[1]["error"] as? String)?.contains("invalid UTF-8 at byte 2") == true)
        #expect(records[2]["decision"] as? String == "block")
        let text = try CLI.run(["check", "--lines", "-"], stdin: input)
        #expect(text.status == 3)
        #expect(text.stdout.contains("stdin:2:1: error: invalid UTF-8 at byte 2"), "\(text)")
    }

    @Test("--allow-domain adds allowed link domains for this run")
    func allowDomain() throws {
        let text = "Please review labcorp.com/prep and quest.com before your visit."
        let before = try CLI.run(["check", "--format", "jsonl", "--fail-on", "warning", text])
        #expect(before.status == 1)
        #expect((try before.jsonLines().first?["findings"] as? [Any])?.count == 2)
        let after = try CLI.run(["check", "--format", "jsonl", "--fail-on", "warning",
                                 "--allow-domain", "labcorp.com", "--allow-domain", "QUEST.com", text])
        #expect(after.status == 0, "\(after)")
        #expect((try after.jsonLines().first?["findings"] as? [Any])?.isEmpty == true)
    }
}
