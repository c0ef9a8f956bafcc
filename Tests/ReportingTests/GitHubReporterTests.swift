import Testing
import Reporting
import Rules

@Suite("GitHub annotations")
struct GitHubReporterTests {
    @Test("messages escape %, CR and LF; % first so existing escapes are not decoded")
    func escapeMessage() {
        #expect(GitHubReporter.escape("50% done\nnext\rlast: a, b") == "50%25 done%0Anext%0Dlast: a, b")
        #expect(GitHubReporter.escape("%0A") == "%250A")
    }

    @Test("a CRLF line break is escaped too")
    func escapeCRLF() {
        #expect(GitHubReporter.escape("done\r\nnext") == "done%0D%0Anext")
        #expect(GitHubReporter.property("a\r\nb") == "a%0D%0Ab")
    }

    @Test("properties also escape : and ,")
    func escapeProperty() {
        #expect(GitHubReporter.property("C:\\msgs, 100%\n") == "C%3A\\msgs%2C 100%25%0A")
    }

    @Test("an annotation names file, lines, columns and title, with every value escaped")
    func annotation() throws {
        let rules = try Package.rules()
        let text = "Order\nnow for CBD"
        let m = CheckedMessage(source: "odd,name:1%.txt", number: 1, firstLine: 1, text: text, report: rules.check(text))
        let out = GitHubReporter.render([m]).split(separator: "\n").map(String.init)
        try #require(out.count == 2)
        #expect(out[0].hasPrefix("::warning file=odd%2Cname%3A1%25.txt,line=1,endLine=2,col=1,endColumn=4,title=promotional-offer (promotional)::"))
        #expect(out[0].hasSuffix("Matched: \"Order%0Anow\"."))
        #expect(out[1].hasPrefix("::error file=odd%2Cname%3A1%25.txt,line=2,endLine=2,col=9,endColumn=12,title=cannabis (cannabis)::"))
    }

    @Test("severities map to error, warning and notice")
    func levels() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let out = GitHubReporter.render(checked(["blocked, warned, noted"], rules: rules))
        #expect(out.split(separator: "\n").map { $0.prefix { $0 != " " } } == ["::error", "::warning", "::notice"])
    }

    @Test("at most 10 annotations per level, then one notice counts the rest")
    func displayLimit() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let text = Array(repeating: "blocked", count: 12).joined(separator: " ") + " "
            + Array(repeating: "warned", count: 13).joined(separator: " ") + " noted"
        let out = GitHubReporter.render(checked([text], rules: rules)).split(separator: "\n").map(String.init)
        #expect(out.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(out.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(out.filter { $0.hasPrefix("::notice file=") }.count == 1)
        #expect(out.last?.hasPrefix("::notice title=textgate::5 more findings are not shown here") == true)
        #expect(out.last?.contains("--format sarif") == true)
    }

    @Test("no notice when everything fits")
    func noNotice() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let out = GitHubReporter.render(checked(["blocked warned noted"], rules: rules))
        #expect(!out.contains("title=textgate"))
        #expect(GitHubReporter.render(checked(["fine"], rules: rules)) == "")
    }

    @Test("a --lines message is annotated at its line in the file")
    func linesInput() throws {
        let rules = try Package.rules()
        let out = GitHubReporter.render(checked(["fine", "Try CBD"], rules: rules, source: "m.txt", lines: true))
        #expect(out.hasPrefix("::error file=m.txt,line=2,endLine=2,col=5,endColumn=8,"))
    }

    @Test("a message that could not be checked is an error annotation")
    func unreadable() {
        let m = CheckedMessage(source: "in.txt", number: 3, firstLine: 3, text: "", report: nil, error: "invalid UTF-8 at byte 2")
        #expect(GitHubReporter.render([m]) == "::error file=in.txt,line=3::invalid UTF-8 at byte 2\n")
    }
}
