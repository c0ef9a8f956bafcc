import Testing
import Reporting
import Rules

@Suite("Text diagnostics")
struct TextReporterTests {
    /// The output lines for one message.
    func lines(_ text: String, source: String = "arg", rules: Ruleset? = nil) throws -> [String] {
        let r = try rules ?? Package.rules()
        return TextReporter.render(checked([text], rules: r, source: source)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("the header names source, line, column, severity, message and rule, then quotes the line with a caret under the match")
    func caret() throws {
        let rules = try Package.rules()
        let out = try lines("Café: try CBD now", rules: rules)
        let message = try #require(rules.rule("cannabis")).message
        try #require(out.count >= 3)
        #expect(out[0] == "arg1:1:11: error: \(message) [cannabis]")
        #expect(out[1] == "Café: try CBD now")
        #expect(out[2] == String(repeating: " ", count: 10) + "^~~")
        #expect(out[3].hasPrefix("  suggestion: "))
    }

    @Test("the caret is under the match after emoji and lookalikes")
    func caretAfterNonASCII() throws {
        let out = try lines("😀 Ask about С\u{200B}BD")
        try #require(out.count >= 3)
        #expect(out[0].hasPrefix("arg1:1:13: error: "))
        #expect(out[2] == String(repeating: " ", count: 12) + "^~~~")
    }

    @Test("tabs before the match are kept so the caret lines up")
    func tabs() throws {
        let out = try lines("\tTry CBD")
        // The tab itself is reported first (it forces UCS-2 on SMS); then the term.
        let at = try #require(out.firstIndex { $0.contains("[cannabis]") })
        #expect(out[at + 2] == "\t    ^~~")
    }

    @Test("a finding on a later line quotes that line")
    func laterLine() throws {
        let out = try lines("Hello.\nTry CBD today")
        try #require(out.count > 2)
        #expect(out[0].hasPrefix("arg1:2:5: error: "))
        #expect(out[1] == "Try CBD today")
        #expect(out[2] == "    ^~~")
    }

    @Test("a finding after a CRLF line break quotes its line")
    func crlf() throws {
        // A CR is reported as a control character (the CLI makes CR LF a line feed before the
        // check); the line after it is still quoted whole.
        let out = try lines("Hello.\r\nTry CBD today")
        let at = try #require(out.firstIndex { $0.hasPrefix("arg1:2:5: error: ") })
        #expect(out[at + 1] == "Try CBD today")
        #expect(out[at + 2] == "    ^~~")
        #expect(out.contains { $0.hasPrefix("arg1:1:7: error: ") && $0.hasSuffix("[control-character]") })
    }

    @Test("a --lines message reports its line in the file")
    func linesInput() throws {
        let rules = try Package.rules()
        let messages = checked(["fine", "fine", "Try CBD"], rules: rules, source: "msgs.txt", lines: true)
        #expect(TextReporter.render(messages).hasPrefix("msgs.txt:3:5: error: "))
    }

    @Test("clean messages print nothing; the summary counts by severity")
    func summary() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let messages = checked(["fine", "blocked and noted", "warned, warned"], rules: rules)
        #expect(TextReporter.render(checked(["fine"], rules: rules)) == "")
        #expect(TextReporter.summary(FindingTally(messages), rulesVersion: "abc")
                == "1 error, 2 warnings, 1 info in 3 messages (rules abc)\n")
    }

    @Test("a message that could not be checked is one error line")
    func unreadable() {
        let m = CheckedMessage(source: "in.txt", number: 4, firstLine: 4, text: "", report: nil, error: "invalid UTF-8 at byte 2")
        #expect(TextReporter.render([m]) == "in.txt:4:1: error: invalid UTF-8 at byte 2\n")
        // The summary says so rather than "0 errors" alone.
        #expect(TextReporter.summary(FindingTally([m]), rulesVersion: "abc")
                == "0 errors, 0 warnings, 0 infos in 1 message, 1 unreadable (rules abc)\n")
    }
}
