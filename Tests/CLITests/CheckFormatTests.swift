import Foundation
import Testing

@Suite("check: output formats", .enabled(if: CLI.available, "the textgate binary was not found"))
struct CheckFormatTests {
    @Test("text: a diagnostic, the line with a caret under the match, and a summary")
    func text() throws {
        let r = try CLI.run(["check", "See you Monday", "Café: try CBD now"])
        let lines = r.lines
        try #require(lines.count >= 4, "\(r)")
        #expect(lines[0].hasPrefix("arg2:1:11: error: ") && lines[0].hasSuffix(" [cannabis]"))
        #expect(lines[1] == "Café: try CBD now")
        #expect(lines[2] == String(repeating: " ", count: 10) + "^~~")
        #expect(lines.last?.hasPrefix("1 error, 0 warnings, 0 infos in 2 messages (rules ") == true)
    }

    @Test("json: one array of records in input order")
    func json() throws {
        let r = try CLI.run(["check", "--format", "json", "fine", "Try CBD", "Use promo code X"])
        let array = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]], "\(r)")
        #expect(array.map { $0["line"] as? Int } == [1, 2, 3])
        #expect(array.map { $0["decision"] as? String } == ["allow", "block", "warn"])
        let empty = try CLI.run(["check", "--format", "json", "--lines", "-"], stdin: "")
        #expect(try (JSONSerialization.jsonObject(with: empty.stdoutData) as? [Any])?.isEmpty == true, "\(empty)")
    }

    @Test("jsonl: one object per message, in input order, even for many messages")
    func jsonl() throws {
        let messages = (1...3000).map { $0 % 100 == 0 ? "Message \($0): try CBD" : "Message \($0) is fine" }
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", "-"], stdin: messages.joined(separator: "\n"))
        let records = try r.jsonLines()
        #expect(records.count == 3000)
        #expect(records.map { $0["line"] as? Int } == Array(1...3000))
        let blocked = records.filter { $0["decision"] as? String == "block" }.compactMap { $0["line"] as? Int }
        #expect(blocked == Array(stride(from: 100, through: 3000, by: 100)))
        #expect(r.status == 1)
    }

    @Test("jsonl: a record longer than the output block keeps its place among short ones")
    func jsonlLongRecord() throws {
        var messages = (1...400).map { "Message \($0) is fine" }
        // Shouting: the all-caps finding quotes the whole line, so the record outgrows a block.
        messages[199] = String(repeating: "TRY CBD NOW. ", count: 20_000)
        let r = try CLI.run(["check", "--format", "jsonl", "--lines", "-"], stdin: messages.joined(separator: "\n"))
        #expect(r.stdout.utf8.count > 250_000, "the long record alone is over a quarter of a megabyte")
        let records = try r.jsonLines()
        #expect(records.map { $0["line"] as? Int } == Array(1...400))
        let findings = try #require(records[199]["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "cannabis" }.count == 100)
        #expect((records[199]["omitted"] as? [String: Int])?["cannabis"] == 19_900)
        #expect(records.enumerated().allSatisfy { $0.offset == 199 || ($0.element["findings"] as? [Any])?.isEmpty == true })
    }

    @Test("sarif: a SARIF log whose results point at the --lines file")
    func sarif() throws {
        let r = try CLI.run(["check", "--format", "sarif", "--lines", "fixtures/messages/07-cannabis.txt"])
        let log = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r)")
        #expect(log["version"] as? String == "2.1.0")
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == ["cannabis"])
        let uri = ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(uri == "fixtures/messages/07-cannabis.txt")
    }

    @Test("github: one workflow command per finding")
    func github() throws {
        let r = try CLI.run(["check", "--format", "github", "--lines", "-"], stdin: "fine\nTry CBD\nUse promo code X\n")
        #expect(r.lines.count == 2, "\(r)")
        #expect(r.lines.first?.hasPrefix("::error file=stdin,line=2,endLine=2,col=5,endColumn=8,title=cannabis (cannabis)::") == true)
        #expect(r.lines.last?.hasPrefix("::warning file=stdin,line=3,") == true)
    }

    @Test("an unknown format is a usage error", arguments: ["bogus", "JSON", ""])
    func bogus(format: String) throws {
        let r = try CLI.run(["check", "--format", format, "fine"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
    }
}
