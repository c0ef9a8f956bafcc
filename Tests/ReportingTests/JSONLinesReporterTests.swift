import Foundation
import Testing
import Reporting
import Rules

@Suite("JSON lines records")
struct JSONLinesReporterTests {
    @Test("a record has exactly the documented fields, in order")
    func recordShape() throws {
        let rules = try Package.rules()
        let output = JSONLinesReporter.render(checked(["Ask about \"CBD\" now"], rules: rules))
        #expect(output.hasSuffix("}\n"))
        let keys = jsonKeys(output)
        #expect(keys.filter { $0.depth == 1 }.map(\.key) == ["line", "rulesVersion", "decision", "findings"])
        #expect(keys.filter { $0.depth == 3 }.map(\.key)
                == ["rule", "category", "severity", "message", "match", "start", "end", "line", "column", "suggestion"])

        let record = try #require(try parseJSON(output) as? [String: Any])
        #expect(record["line"] as? Int == 1)
        #expect(record["rulesVersion"] as? String == rules.version)
        #expect(record["decision"] as? String == "block")
        let findings = try #require(record["findings"] as? [[String: Any]])
        try #require(findings.count == 1)
        let f = findings[0]
        let rule = try #require(rules.rule("cannabis"))
        #expect(f["rule"] as? String == "cannabis")
        #expect(f["category"] as? String == "cannabis")
        #expect(f["severity"] as? String == "error")
        #expect(f["message"] as? String == rule.message)
        #expect(f["match"] as? String == "CBD")
        #expect(f["start"] as? Int == 11)
        #expect(f["end"] as? Int == 14)
        #expect(f["line"] as? Int == 1)
        #expect(f["column"] as? Int == 12)
        #expect(f["suggestion"] as? String == rule.suggestion)
    }

    @Test("findings of one rule id with different messages each keep their own fields")
    func repeatedRuleFields() throws {
        func finding(_ rule: String, _ message: String, _ severity: Severity = .warning) -> Finding {
            Finding(rule: rule, category: "sms", severity: severity, message: message, match: "x", start: 0, end: 1,
                    line: 1, column: 1, endLine: 1, endColumn: 2, suggestion: nil)
        }
        let findings = [finding("sms-segments", "2 segments"), finding("sms-segments", "3 segments"),
                        finding("sms-segments", "2 segments", .info), finding("other", "2 segments"),
                        finding("sms-segments", "2 segments")]
        var w = JSONWriter()
        for f in findings {
            JSONLinesReporter.appendFinding(f, to: &w)
            w.raw("\n")
        }
        let parsed = try w.text.split(separator: "\n").map { try #require(try parseJSON(String($0)) as? [String: Any]) }
        #expect(parsed.map { $0["message"] as? String } == findings.map(\.message))
        #expect(parsed.map { $0["rule"] as? String } == findings.map(\.rule))
        #expect(parsed.map { $0["severity"] as? String } == findings.map(\.severity.rawValue))
    }

    @Test("a clean record written from the kept tail is the record appendRecord writes",
          arguments: [0, 1, 9, 10, 99, 12_345, 624_288, Int.max])
    func cleanRecordFromTail(number: Int) throws {
        let rules = try Package.rules()
        let report = rules.check("See you Monday at 3pm.")
        try #require(report.findings.isEmpty)
        var expected = JSONWriter()
        JSONLinesReporter.appendRecord(number: number, report: report, to: &expected)
        let tail = JSONLinesReporter.cleanRecordTail(rulesVersion: rules.version)
        var out = [UInt8](repeating: 0, count: JSONLinesReporter.cleanRecordHeadroom + tail.count)
        let written = out.withUnsafeMutableBufferPointer { o in
            tail.withUnsafeBufferPointer { t in
                JSONLinesReporter.writeCleanRecord(number: number, tail: t.baseAddress!, count: t.count, to: o.baseAddress!)
            }
        }
        #expect(Array(out[..<written]) == expected.bytes)
    }

    @Test("a clean message has an empty findings list and allow")
    func clean() throws {
        let rules = try Package.rules()
        let output = JSONLinesReporter.render(checked(["See you Monday."], rules: rules))
        #expect(output == "{\"line\":1,\"rulesVersion\":\"\(rules.version)\",\"decision\":\"allow\",\"findings\":[]}\n")
    }

    @Test("a rule without a suggestion writes null")
    func nullSuggestion() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let output = JSONLinesReporter.render(checked(["you were warned"], rules: rules))
        #expect(output.contains("\"severity\":\"warning\""))
        #expect(output.contains("\"suggestion\":null}"))
        let record = try #require(try parseJSON(output) as? [String: Any])
        #expect(record["decision"] as? String == "warn")
    }

    @Test("a message that could not be checked is {line, error}")
    func errorRecord() {
        let m = CheckedMessage(source: "in.txt", number: 2, firstLine: 2, text: "", report: nil,
                               error: "invalid UTF-8 at byte 3; save the text as \"UTF-8\"")
        #expect(JSONLinesReporter.render([m]) == "{\"line\":2,\"error\":\"invalid UTF-8 at byte 3; save the text as \\\"UTF-8\\\"\"}\n")
    }

    @Test("rules that hit their match limit are listed as incomplete")
    func incomplete() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/catastrophic-regex")
        let text = String(repeating: "a", count: 60) + "!"
        let report = rules.check(text)
        #expect(report.incomplete == ["nested-quantifier"])
        let output = JSONLinesReporter.render(checked([text], rules: rules))
        #expect(jsonKeys(output).filter { $0.depth == 1 }.map(\.key) == ["line", "rulesVersion", "decision", "findings", "incomplete"])
        #expect(output.contains("\"incomplete\":[\"nested-quantifier\"]"))
    }

    @Test("records come one per line in input order; the json document is an array of the same records")
    func order() throws {
        let rules = try Package.rules()
        let messages = checked(["fine", "CBD", "bit.ly/x", "also fine"], rules: rules)
        let lines = JSONLinesReporter.render(messages).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let numbers = try lines.map { try #require(try parseJSON($0) as? [String: Any])["line"] as? Int }
        #expect(numbers == [1, 2, 3, 4])
        let document = try #require(try parseJSON(JSONLinesReporter.renderDocument(messages)) as? [[String: Any]])
        #expect(document.map { $0["line"] as? Int } == [1, 2, 3, 4])
        #expect(document.map { $0["decision"] as? String } == ["allow", "block", "block", "allow"])
        #expect(try (parseJSON(JSONLinesReporter.renderDocument([])) as? [Any])?.isEmpty == true)
    }
}
