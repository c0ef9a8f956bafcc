import Foundation
import Testing
import Rules
@testable import Linting

/// Catalog formats as translation tools write them: each read by key, in its locale, with
/// findings at the file's own line and column through escapes and continuation lines.
@Suite("lint: gettext, Android, Apple and i18next catalogs")
struct CatalogFormatTests {
    static func templates(_ relative: String) throws -> [Template] {
        try TemplateFinder().templates(at: [Repo.path(relative)])
    }

    /// "name line:column" of each url-shortener finding in the templates of `relative`.
    static func shorteners(_ relative: String) throws -> [String] {
        let linter = Linter(ruleset: Repo.rules)
        return try templates(relative).flatMap { t in
            linter.lint(t).report.findings.filter { $0.rule == "url-shortener" }.map { "\(t.name ?? "-") \($0.line):\($0.column)" }
        }
    }

    /// "line:column" of `needle` in the file: where a user's editor shows it.
    static func at(_ needle: String, _ relative: String) throws -> String {
        let text = try String(contentsOfFile: Repo.path(relative), encoding: .utf8)
        let p = try #require(text.position(of: needle), "\(needle) is not in \(relative)")
        return "\(p.line):\(p.column)"
    }

    static let po = "fixtures/templates/gettext/locale/es/LC_MESSAGES/clinic.po"

    @Test(".po: each translated msgstr and plural form is a template named by its msgid, in the header's language")
    func gettextTemplates() throws {
        let t = try Self.templates(Self.po)
        #expect(t.map { $0.name ?? "-" } == [
            "Hi %(first_name)s, your visit is on %(date)s.", "Your results are ready: %s", "sms|Reply \"C\" to confirm",
            "You have %d visit left[0]", "You have %d visit left[1]", "Flu shots are here (fuzzy)",
        ])
        #expect(t[1].text == "Sus resultados están listos.\nVéalos en bit.ly/rfm-%s")
        #expect(t[2].text == "Responda \"C\" para confirmar. Detalles: bit.ly/rfm-c")
        #expect(t.allSatisfy { $0.locale == "es" })
        #expect(t[0].placeholders.contains(.pythonPercent))
        #expect(t[1].placeholders.contains(.printf))
        #expect(t[4].branch == "msgstr[1]")
    }

    @Test(".po: findings at the file's line and column, after escaped quotes and on a continuation line")
    func gettextPositions() throws {
        #expect(try Self.shorteners(Self.po) == [
            "Your results are ready: %s \(try Self.at("bit.ly/rfm-%s", Self.po))",
            "sms|Reply \"C\" to confirm \(try Self.at("bit.ly/rfm-c", Self.po))",
            "You have %d visit left[1] \(try Self.at("bit.ly/citas", Self.po))",
            "Flu shots are here (fuzzy) \(try Self.at("bit.ly/gripe", Self.po))",
        ])
    }

    @Test(".po: a finding in a plural form says which form it is in")
    func gettextBranch() throws {
        let t = try #require(try Self.templates(Self.po).first { $0.branch == "msgstr[1]" })
        let f = try #require(Linter(ruleset: Repo.rules).lint(t).report.findings.first { $0.rule == "url-shortener" })
        #expect(f.message.contains("(In the plural form `msgstr[1]`.)"), "\(f.message)")
    }

    @Test(".pot: the msgids and msgid_plurals are the templates, with no locale")
    func gettextTemplateFile() throws {
        let file = "fixtures/templates/gettext/clinic.pot"
        let t = try Self.templates(file)
        #expect(t.map { $0.name ?? "-" } == ["Your results are ready at bit.ly/%s", "You have %d visit left", "You have %d visit left[plural]"])
        #expect(t.allSatisfy { $0.locale == nil })
        #expect(try Self.shorteners(file) == [
            "Your results are ready at bit.ly/%s \(try Self.at("bit.ly/%s", file))",
            "You have %d visit left[plural] \(try Self.at("bit.ly/book", file))",
        ])
    }

    @Test(".po: a malformed line is refused at its line and column")
    func gettextError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("fr.po", "msgid \"Bonjour\"\nmsgstr \"Bonjour \\q\"\n")
        #expect(throws: LintError.invalidCatalog(path: file, line: 2, column: 17, reason: "unknown escape `\\q`; write a backslash as \\\\")) {
            try TemplateFinder().templates(at: [file])
        }
    }

    static let android = "fixtures/templates/android/res/values-es/strings.xml"

    @Test("strings.xml: strings, plurals and string-arrays, read through entities, escapes, quotes and CDATA")
    func androidTemplates() throws {
        let t = try Self.templates(Self.android)
        #expect(t.map { $0.name ?? "-" } == ["reminder", "results", "quoted", "markup", "cdata", "visits_left[one]", "visits_left[other]",
                                             "tips[0]", "tips[1]", "app_name"])
        let text = Dictionary(uniqueKeysWithValues: t.map { ($0.name ?? "-", $0.text) })
        #expect(text["results"] == "Sus resultados están listos: bit.ly/rfm-res")
        #expect(text["quoted"] == "Don't miss   your visit: bit.ly/rfm-q")
        #expect(text["markup"] == "Hola %1$s, <confirme> en bit.ly/rfm-m")
        #expect(text["cdata"] == "<b>Nuevo:</b> bit.ly/rfm-cd")
        #expect(t.allSatisfy { $0.locale == "es" })
        #expect(t[0].placeholders.contains(.printf))
        #expect(t[6].branch == "other")
    }

    @Test("strings.xml: findings at the file's line and column; comments are not templates")
    func androidPositions() throws {
        #expect(try Self.shorteners(Self.android) == [
            "results \(try Self.at("bit.ly/rfm-res", Self.android))",
            "quoted \(try Self.at("bit.ly/rfm-q", Self.android))",
            "markup \(try Self.at("bit.ly/rfm-m", Self.android))",
            "cdata \(try Self.at("bit.ly/rfm-cd", Self.android))",
            "visits_left[other] \(try Self.at("bit.ly/citas", Self.android))",
            "tips[1] \(try Self.at("bit.ly/rfm-tips", Self.android))",
        ])
    }

    @Test("Android folders name locales: values-pt-rBR is pt-BR, values-b+sr+Latn is sr-Latn, values-night none")
    func androidLocales() {
        #expect(TemplateLocale.fromPath("res/values-pt-rBR/strings.xml") == "pt-BR")
        #expect(TemplateLocale.fromPath("res/values-b+sr+Latn/strings.xml") == "sr-Latn")
        #expect(TemplateLocale.fromPath("res/values-night/strings.xml") == nil)
        #expect(TemplateLocale.fromPath("res/values/strings.xml") == nil)
        #expect(TemplateLocale.fromPath("templates/reminder_no_show.txt") == nil)
        #expect(TemplateLocale.fromPath("src/messages_pt_BR.properties") == "pt-BR")
        #expect(TemplateLocale.fromPath("Resources/zh-Hans.lproj/Localizable.strings") == "zh-Hans")
    }

    static let strings = "fixtures/templates/apple/es.lproj/Localizable.strings"

    @Test(".strings: each key is a template, read through \\\" and \\U escapes, in the .lproj's locale")
    func appleStrings() throws {
        let t = try Self.templates(Self.strings)
        #expect(t.map { $0.name ?? "-" } == ["reminder", "results", "quoted \"key\"", "visits %lld"])
        #expect(t[2].text == "Diga \"SÍ\" en bit.ly/rfm-si")
        #expect(t.allSatisfy { $0.locale == "es" })
        #expect(try Self.shorteners(Self.strings) == [
            "results \(try Self.at("bit.ly/rfm-res", Self.strings))",
            "quoted \"key\" \(try Self.at("bit.ly/rfm-si", Self.strings))",
        ])
    }

    @Test(".strings in UTF-16, as Xcode may write it, reads the same")
    func appleStringsUTF16() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try String(contentsOfFile: Repo.path(Self.strings), encoding: .utf8)
        let path = scratch.dir.appendingPathComponent("es.lproj/Localizable.strings")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try #require(source.data(using: .utf16)).write(to: path)
        let t = try TemplateFinder().templates(at: [path.path])
        #expect(t.map(\.text) == (try Self.templates(Self.strings)).map(\.text))
    }

    static let xcstrings = "fixtures/templates/apple/Localizable.xcstrings"

    @Test(".xcstrings: each localization and plural variation is a template in its locale; a key with no source entry is its own text")
    func stringCatalog() throws {
        let t = try Self.templates(Self.xcstrings).sorted { ($0.name ?? "", $0.locale ?? "") < ($1.name ?? "", $1.locale ?? "") }
        #expect(t.map { "\($0.name ?? "-") [\($0.locale ?? "-")]" } == [
            "Book at bit.ly/rfm-book [en]", "reminder [en]", "reminder [es]",
            "visits_left[plural=one] [en]", "visits_left[plural=other] [en]",
        ])
        #expect(t[4].branch == "plural=other")
        #expect(Set(try Self.shorteners(Self.xcstrings)) == [
            "Book at bit.ly/rfm-book \(try Self.at("bit.ly/rfm-book", Self.xcstrings))",
            "reminder \(try Self.at("bit.ly/rfm-es", Self.xcstrings))",
            "visits_left[plural=other] \(try Self.at("bit.ly/book\"", Self.xcstrings))",
        ])
    }

    static let i18next = "fixtures/templates/i18next/locales/es/translation.json"

    @Test("i18next JSON: plural suffix keys are plural forms, {{contact.phone}} and $t(key) are placeholders, the folder is the locale")
    func i18next() throws {
        let t = try Self.templates(Self.i18next)
        #expect(t.map { $0.name ?? "-" } == ["reminder", "visits_one", "visits_other", "signature", "results.ready"])
        #expect(t.map { $0.branch ?? "-" } == ["-", "one", "other", "-", "-"])
        #expect(t.allSatisfy { $0.locale == "es" })
        let linter = Linter(ruleset: Repo.rules)
        #expect(linter.lint(t[0]).report.findings.isEmpty, "\(linter.lint(t[0]).report.findings)")
        // `$t(faq.cbd, {...})` names another entry: its key is not text to check.
        #expect(linter.lint(t[3]).report.findings.isEmpty, "\(linter.lint(t[3]).report.findings)")
        #expect(try Self.shorteners(Self.i18next) == [
            "visits_other \(try Self.at("bit.ly/citas", Self.i18next))",
            "results.ready \(try Self.at("bit.ly/rfm-res", Self.i18next))",
        ])
    }

    @Test("Rails locale files: the root key is the locale, one:/other: keys are plural forms")
    func railsPlurals() throws {
        let t = try Self.templates("fixtures/templates/rails/config/locales/en.yml")
        #expect(t.allSatisfy { $0.locale == "en" })
        #expect(t.first { $0.name == "en.sms.visits.one" }?.branch == "one")
        #expect(t.first { $0.name == "en.sms.visits.other" }?.branch == "other")
        #expect(t.first { $0.name == "en.sms.reminder" }?.branch == nil)
    }

    @Test("a finding inside a Mustache section or an ICU plural case names that branch")
    func templateBranches() throws {
        let linter = Linter(ruleset: Repo.rules)
        let section = linter.lint(Template(file: "copay.mustache", text: "Visit tomorrow.{{#has_copay}} Pay at bit.ly/pay{{/has_copay}}"))
        let f = try #require(section.report.findings.first { $0.rule == "url-shortener" })
        #expect(f.message.contains("(In the section {{#has_copay}}.)"), "\(f.message)")
        let icu = try #require(try Self.templates("fixtures/templates/arb/app_es.arb").first { $0.name == "visitsLeft" })
        let g = try #require(linter.lint(icu).report.findings.first { $0.rule == "url-shortener" })
        #expect(g.message.contains("(In the `other` case of {count, plural…}.)"), "\(g.message)")
    }
}
