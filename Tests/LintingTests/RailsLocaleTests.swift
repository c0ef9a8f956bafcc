import Foundation
import Testing
import Rules
@testable import Linting

@Suite("lint: Rails i18n locale files")
struct RailsLocaleTests {
    static let file = "fixtures/templates/rails/config/locales/en.yml"

    @Test("a YAML file whose only root key is a locale reads %{name} and %<name>s as placeholders")
    func railsPlaceholders() throws {
        let templates = try TemplateFinder().templates(at: [Repo.path(Self.file)])
        #expect(templates.map { $0.name ?? "" }.contains("en.sms.visits.one"))
        #expect(templates.allSatisfy { $0.placeholders.contains(.rails) })
        let linter = Linter(ruleset: Repo.rules)
        var found: [String: [String]] = [:]
        for t in templates { found[t.name ?? "", default: []] += linter.lint(t).report.findings.map(\.rule) }
        #expect(found["en.sms.reminder"] == [], "\(found)")
        #expect(found["en.sms.visits.one"] == [])
        // The link is text, its placeholder is not.
        #expect(found["en.sms.results"] == ["url-shortener"])
    }

    @Test("%{provider.name} is not a Rails name (words only), so it stays text, as Rails reads it")
    func dottedIsText() {
        let masked = Masking.mask("Hi %{first_name}, see %{provider.name}", syntaxes: [.mustache, .rails]).masked
        #expect(masked.contains("%{provider.name}"))
        #expect(!masked.contains("first_name"))
    }

    @Test("a YAML catalog without a locale root is not read as Rails")
    func notRails() throws {
        let templates = try TemplateFinder().templates(at: [Repo.path("fixtures/templates/catalogs/nested")])
        #expect(!templates.isEmpty)
        #expect(templates.allSatisfy { !$0.placeholders.contains(.rails) })
    }
}
