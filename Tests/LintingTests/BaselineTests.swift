import Foundation
import Testing
import Rules
import Linting

@Suite("Baselines of known findings")
struct BaselineTests {
    static func finding(_ rule: String, _ match: String, line: Int = 1) -> Finding {
        Finding(rule: rule, category: rule, severity: .warning, message: "m", match: match, start: 0, end: match.count,
                line: line, column: 1, endLine: line, endColumn: match.count + 1, suggestion: nil)
    }

    static let findings: [(file: String, finding: Finding)] = [
        ("templates/sms/results.sms.txt", finding("url-shortener", "bit.ly/3xYz9Qa", line: 4)),
        ("templates/legacy/promos.yml", finding("percent-off", "20% off", line: 9)),
        ("templates/legacy/promos.yml", finding("percent-off", "20% off", line: 2)),
        ("templates/legacy/promos.yml", finding("percent-off", "15% off", line: 5)),
        ("templates/legacy/promos.yml", finding("all-caps", "FLU SHOTS \"NOW\"", line: 7)),
        ("templates/clinic/checkin.txt", finding("off-domain-link", "https://intakeq.com/rfm")),
    ]

    @Test("entries are grouped by rule, file and match, counted, and sorted by file, rule, match")
    func grouping() {
        let b = Baseline(findings: Self.findings)
        #expect(b.entries.map { [$0.file, $0.rule, $0.match, "\($0.count)"] } == [
            ["templates/clinic/checkin.txt", "off-domain-link", "https://intakeq.com/rfm", "1"],
            ["templates/legacy/promos.yml", "all-caps", "FLU SHOTS \"NOW\"", "1"],
            ["templates/legacy/promos.yml", "percent-off", "15% off", "1"],
            ["templates/legacy/promos.yml", "percent-off", "20% off", "2"],
            ["templates/sms/results.sms.txt", "url-shortener", "bit.ly/3xYz9Qa", "1"],
        ])
    }

    @Test("the same findings in any order, or on other lines, give the same file")
    func stable() {
        let a = Baseline(findings: Self.findings).json
        let moved = Self.findings.reversed().map { ($0.file, Self.finding($0.finding.rule, $0.finding.match, line: $0.finding.line + 40)) }
        #expect(Baseline(findings: moved).json == a)
        #expect(!a.contains("\"line\""))
    }

    @Test("written and read back, a baseline is the same")
    func roundTrip() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let b = Baseline(findings: Self.findings)
        let path = try scratch.write("baseline.json", b.json)
        let read = try Baseline(contentsOf: path)
        #expect(read == b)
        #expect(read.json == b.json)
        // Valid JSON, with slashes left readable.
        let object = try JSONSerialization.jsonObject(with: Data(b.json.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        #expect((object?["findings"] as? [Any])?.count == 5)
        #expect(b.json.contains("\"file\": \"templates/sms/results.sms.txt\""))
        #expect(b.json.contains("\"match\": \"FLU SHOTS \\\"NOW\\\"\""))
    }

    @Test("an empty baseline is valid and reads back empty")
    func empty() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let b = Baseline(findings: [])
        #expect(b.json == "{\n  \"version\": 1,\n  \"findings\": []\n}\n")
        #expect(try Baseline(contentsOf: scratch.write("b.json", b.json)).entries.isEmpty)
    }

    @Test("hand-written entries may omit the count, and are sorted when read")
    func handWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write("b.json", """
            {"findings": [{"rule": "url-shortener", "file": "b.txt", "match": "bit.ly/x"},
                          {"rule": "all-caps", "file": "a.txt", "match": "CALL NOW", "count": 3}]}
            """)
        let b = try Baseline(contentsOf: path)
        #expect(b.entries.map(\.file) == ["a.txt", "b.txt"])
        #expect(b.entries.map(\.count) == [3, 1])
        #expect(b.budget()[["all-caps", "a.txt", "CALL NOW"]] == 3)
    }

    @Test("a missing file, or one that is not a baseline, is an error that says to write a new one")
    func invalid() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for text in ["not json", "[]", "{\"findings\": [{\"rule\": \"all-caps\"}]}"] {
            let path = try scratch.write("bad.json", text)
            #expect(throws: LintError.self) { try Baseline(contentsOf: path) }
            do { _ = try Baseline(contentsOf: path) } catch {
                #expect(error.description.contains("write a new one with --write-baseline"))
            }
        }
        #expect(throws: LintError.self) { try Baseline(contentsOf: scratch.dir.appendingPathComponent("none.json").path) }
    }
}
