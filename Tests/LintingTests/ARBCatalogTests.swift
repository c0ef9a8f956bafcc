import Foundation
import Testing
import Rules
@testable import Linting

@Suite("lint: Flutter ARB catalogs")
struct ARBCatalogTests {
    static let file = "fixtures/templates/arb/app_es.arb"

    @Test("messages are templates, @key metadata is not; ICU placeholders are masked and branch text is checked")
    func messages() throws {
        let templates = try TemplateFinder().templates(at: [Repo.path("fixtures/templates/arb")])
        #expect(templates.map { $0.name ?? "" } == ["appointmentReminder", "visitsLeft"])
        let linter = Linter(ruleset: Repo.rules)
        let reminder = linter.lint(templates[0]).report.findings
        #expect(reminder.isEmpty, "\(reminder.map(\.rule))")
        let visits = linter.lint(templates[1]).report.findings
        #expect(visits.map(\.rule) == ["url-shortener"])
        let source = try String(contentsOfFile: Repo.path(Self.file), encoding: .utf8)
        let expected = try #require(source.position(of: "bit.ly/citas"))
        #expect(visits.first?.line == expected.line)
        #expect(visits.first?.column == expected.column)
    }
}
