import Testing
import Rules
@testable import Linting

@Suite("check: unrendered placeholders")
struct UnrenderedPlaceholderTests {
    @Test("a placeholder in a message about to be sent is an error at the placeholder, and its inside is still checked")
    func placeholderIsError() throws {
        let report = Repo.rules.check("Hi {{first_name}}, visit {{weed.shop}} today")
        let unrendered = report.findings.filter { $0.rule == "unrendered-placeholder" }
        #expect(unrendered.map(\.match) == ["{{first_name}}", "{{weed.shop}}"])
        #expect(unrendered.allSatisfy { $0.severity == .error })
        let first = try #require(unrendered.first)
        #expect((first.start, first.end, first.line, first.column, first.endColumn) == (3, 17, 1, 4, 18))
        #expect(report.decision == .block)
        #expect(report.findings.contains { $0.rule == "off-domain-link" && $0.match.contains("weed.shop") })
    }

    @Test("Rails, Notify and template-literal placeholders are caught too, on any line")
    func otherSyntaxes() {
        let report = Repo.rules.check("Hi %{name},\nyour code ((code)) and ${link}")
        let unrendered = report.findings.filter { $0.rule == "unrendered-placeholder" }
        #expect(unrendered.map(\.match) == ["%{name}", "((code))", "${link}"])
        #expect(unrendered.map(\.line) == [1, 2, 2])
        #expect(unrendered.map(\.column) == [4, 11, 24])
    }

    @Test("ordinary braces and parentheses are not placeholders")
    func plainText() {
        for text in ["Call (201) 555-0199 (main desk)", "Reply {YES} to confirm", "20% off {bit of text}", "Hi Ana"] {
            #expect(!Repo.rules.check(text).findings.contains { $0.rule == "unrendered-placeholder" }, "\(text)")
        }
    }
}
