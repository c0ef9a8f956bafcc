import Foundation
import Testing
import Rules
@testable import Linting

@Suite("lint: Java .properties catalogs")
struct PropertiesCatalogTests {
    static let utf8File = "fixtures/templates/properties/messages_pt_BR.sms.properties"
    static let latin1File = "fixtures/templates/properties/messages_fr.properties"

    static func templates(_ relative: String) throws -> [Template] {
        try TemplateFinder().templates(at: [Repo.path(relative)])
    }

    @Test("each key is a template, its text decoded through escapes and continuation lines")
    func keysAndValues() throws {
        let t = try Self.templates(Self.utf8File)
        #expect(t.map(\.name) == ["sms.reminder", "sms.cancel", "sms.results", "sms.portal"])
        #expect(t[0].text == "Olá {0}, sua consulta é em {1,date,short} às {2}. Informações: bit.ly/c-{0}")
        #expect(t[1].text.hasPrefix("Sua consulta de {0}"))
        #expect(t[2].text.hasPrefix("Seus resultados estão prontos"))
        #expect(t.allSatisfy { $0.isSMS })
        #expect(t[0].placeholders.contains(.java))
    }

    @Test("an ISO-8859-1 file is read as Latin-1, not refused")
    func latin1() throws {
        let t = try Self.templates(Self.latin1File)
        #expect(t.map(\.name) == ["sms.rappel", "sms.promo"])
        #expect(t[0].text == "Bonjour {0}, votre rendez-vous est le {1} à {2}.")
    }

    @Test("findings point at the file's line and column, through escapes and a continuation line")
    func positions() throws {
        let linter = Linter(ruleset: Repo.rules)
        let source = try String(contentsOfFile: Repo.path(Self.utf8File), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [(String, Int, Int)] = []
        for t in try Self.templates(Self.utf8File) {
            for f in linter.lint(t).report.findings where f.rule == "url-shortener" { found.append((t.name ?? "", f.line, f.column)) }
        }
        func column(_ line: Int, _ needle: String) -> Int {
            let l = lines[line - 1]
            return l.unicodeScalars[l.startIndex..<l.range(of: needle)!.lowerBound].count + 1
        }
        #expect(found.map(\.0) == ["sms.reminder", "sms.results"])
        #expect(found.map(\.1) == [5, 7])
        #expect(found.map(\.2) == [column(5, "bit.ly"), column(7, "bit.ly")])
    }

    @Test("placeholders {0} and {1,date,short} are masked; '20% de' stays text")
    func placeholdersMasked() throws {
        let linter = Linter(ruleset: Repo.rules)
        let results = try Self.templates(Self.latin1File).map(linter.lint)
        #expect(results[0].report.findings.isEmpty, "\(results[0].report.findings.map(\.rule))")
        #expect(results[1].report.findings.contains { $0.rule == "url-shortener" && $0.line == 3 })
    }

    @Test("a folder lints its .properties files")
    func folder() throws {
        let t = try TemplateFinder().templates(at: [Repo.path("fixtures/templates/properties")])
        #expect(Set(t.map { ($0.file as NSString).lastPathComponent }) == ["messages_fr.properties", "messages_pt_BR.sms.properties"])
        #expect(t.count == 6)
    }
}
