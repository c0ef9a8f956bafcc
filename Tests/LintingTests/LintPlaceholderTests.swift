import Testing
import Matching
import Rules
@testable import Linting

@Suite("lint: placeholders of every syntax")
struct LintPlaceholderTests {
    static func lint(_ text: String, _ syntaxes: [PlaceholderSyntax], sample: SampleValues? = nil, sms: Bool = false) -> LintResult {
        Linter(ruleset: Repo.rules, sample: sample).lint(Template(file: "t.txt", text: text, isSMS: sms, placeholders: syntaxes))
    }

    @Test("a placeholder is never text: dotted names ending in a domain are not links, in any syntax")
    func maskedForRules() {
        for (text, syntaxes) in [("Hi {{contact.name}}", [PlaceholderSyntax.mustache]), ("Hi ${contact.name}", [.dollar]),
                                 ("Hi {contact.name}", [.python]), ("Hi ((contact.name))", [.notify]),
                                 ("Hi %{name}, call %<phone>s", [.rails])] {
            let findings = Self.lint(text, syntaxes).report.findings
            #expect(findings.isEmpty, "\(text): \(findings.map(\.rule))")
        }
    }

    @Test("text outside a syntax's placeholders is still checked: {bit.ly/x} and a link in an ICU branch")
    func textStillChecked() {
        let braces = Self.lint("Results: {bit.ly/x}", [.icu, .python]).report.findings
        #expect(braces.contains { $0.rule == "url-shortener" })
        let branch = Self.lint("{n, plural, one {Book at bit.ly/x} other {Call us}}", [.icu]).report.findings
        #expect(branch.map(\.rule).contains("url-shortener"))
    }

    @Test("without samples each placeholder counts as 10 GSM-7 characters, and the count says it is estimated")
    func estimatedLength() {
        // 150 characters of text and two placeholders: 170 estimated, two segments; the braces
        // themselves (GSM-7 extension characters) do not count.
        let text = String(repeating: "a", count: 150) + "{{name}}%{clinic}"
        let r = Self.lint(text, [.mustache, .rails], sms: true)
        #expect(r.estimated)
        #expect(r.encoding.length == 170)
        #expect(r.encoding.segments == 2)
        #expect(r.report.findings.first { $0.rule == "sms-segments" }?.message.contains("estimated") == true)
        let short = Self.lint(String(repeating: "a", count: 150) + "{{name}}", [.mustache], sms: true)
        #expect(short.encoding.segments == 1)
    }

    @Test("with samples every syntax renders its values, and a placeholder without a value is named")
    func sampleRendersEverySyntax() {
        let sample = SampleValues(["name": .text("Ana"), "link": .text("https://bit.ly/3xYz")])
        let r = Self.lint("Hi %{name}, results: %{link} {{time}}", [.mustache, .rails], sample: sample)
        #expect(!r.estimated)
        #expect(r.report.findings.contains { $0.rule == "url-shortener" && $0.match == "%{link}" })
        let missing = r.report.findings.filter { $0.rule == BuiltinCheck.sampleMissing.id }
        #expect(missing.map(\.match) == ["{{time}}"])
        #expect(missing.first?.severity == .info)
    }

    @Test("a placeholder of a syntax the template is not written in is text to lint, not an unrendered one")
    func otherSyntaxIsText() {
        let findings = Self.lint("Hi %{name}", [.mustache]).report.findings
        #expect(!findings.contains { $0.rule == "unrendered-placeholder" })
    }
}
