import Foundation
import Testing
import Rules
@testable import Linting

@Suite("lint: Markdown templates with front matter")
struct MarkdownTemplateTests {
    static let file = "fixtures/templates/markdown/flu-vaccine-reminder.md"

    @Test("the front matter is not part of the message; findings keep the file's line numbers")
    func bodyOnly() throws {
        let t = try #require(try TemplateFinder().templates(at: [Repo.path(Self.file)]).first)
        #expect(t.text.hasPrefix("Dear ((first name)),"))
        #expect(!t.text.contains("front-matter"))
        let findings = Linter(ruleset: Repo.rules).lint(t).report.findings
        #expect(findings.map(\.rule) == ["url-shortener"], "\(findings.map(\.rule))")
        let source = try String(contentsOfFile: Repo.path(Self.file), encoding: .utf8)
        let expected = try #require(source.position(of: "bit.ly/flu"))
        #expect(findings.first?.line == expected.line)
        #expect(findings.first?.column == expected.column)
        #expect(findings.first?.match.hasPrefix("bit.ly/flu-manage") == true)
    }

    @Test("Notify placeholders are masked by default, the optional text stays checked")
    func notifyDefault() throws {
        let t = try #require(try TemplateFinder().templates(at: [Repo.path("fixtures/templates/markdown")]).first)
        #expect(t.placeholders.contains(.notify))
        let masked = Masking.mask(t.text, syntaxes: t.placeholders).masked
        #expect(!masked.contains("first name"))
        #expect(masked.contains("Manage it online at bit.ly/flu-manage."))
    }
}
