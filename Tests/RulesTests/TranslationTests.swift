import Foundation
import Testing
@testable import Rules

@Suite("Findings in the reader's language")
struct TranslationTests {
    @Test("every shipped rule gives its message, and its suggestion, in Spanish")
    func everyRule() throws {
        for rule in try Package.defaultRules().rules {
            let es = try #require(rule.translations["es"], "\(rule.id) has no Spanish message")
            #expect(!es.message.isEmpty && es.message != rule.message, "\(rule.id)")
            #expect((es.suggestion == nil) == (rule.suggestion == nil), "\(rule.id): a suggestion is translated with the rule")
        }
    }

    @Test("a Spanish report says the same thing in Spanish: same rules, places and decision")
    func localized() throws {
        let rules = try Package.defaultRules()
        let report = rules.check("Get 20% off CBD balm at bit.ly/rfm")
        let es = rules.localized(report, language: "es-MX")
        #expect(es.decision == report.decision)
        #expect(es.findings.map(\.rule) == report.findings.map(\.rule))
        #expect(es.findings.map(\.start) == report.findings.map(\.start))
        let cannabis = try #require(es.findings.first { $0.rule == "cannabis" })
        #expect(cannabis.message.hasPrefix("El contenido sobre cannabis"))
        #expect(cannabis.suggestion?.hasPrefix("Quite la referencia al cannabis") == true)
        #expect(rules.localized(report, language: "en") == report)
    }

    @Test("the built-in checks speak Spanish too")
    func builtins() throws {
        let rules = try Package.defaultRules()
        let es = rules.localized(rules.check("Hola {{first_name}}, su cita\u{1B} es mañana."), language: "es")
        let control = try #require(es.findings.first { $0.rule == ControlCharacters.id })
        #expect(control.message.hasPrefix("Este texto tiene un carácter de control"))
        #expect(control.suggestion?.contains("U+001B (ESC)") == true)
        let placeholder = try #require(es.findings.first { $0.rule == UnrenderedPlaceholders.id })
        #expect(placeholder.suggestion == "Rellene {{first_name}} con su valor, o quítelo.")
    }

    @Test("languages are read from BCP 47 tags; others have no messages", arguments: [
        ("es", "es"), ("es-MX", "es"), ("ES", "es"), ("en-US", "en"), ("fr", nil), ("", nil),
    ] as [(String, String?)])
    func tags(tag: String, language: String?) {
        #expect(Ruleset.messageLanguage(tag) == language)
    }
}
