import Foundation
import Testing
import Matching
import Rules
@testable import Linting

@Suite("lint: ICU apostrophe quoting and Mustache set-delimiter tags")
struct QuotingDelimiterTests {
    static func written(_ text: String, _ syntaxes: [PlaceholderSyntax]) -> [String] {
        let bytes = Array(text.utf8)
        return Placeholders.find(in: text, syntaxes: syntaxes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test("in an ICU message, '{…}' is quoted text and '' an apostrophe; {name} still a placeholder")
    func icuQuoting() {
        #expect(Self.written("Reply '{STOP}' to stop, {name}. It''s {n, plural, one {# '#' visit} other {# visits}}", [.icu])
                == ["{name}", "{n, plural,", "one {", "#", "}", "other {", "#", "}", "}"])
    }

    @Test("in .properties (Java and ICU read at once) an apostrophe quotes nothing")
    func propertiesNoQuoting() {
        #expect(Self.written("Reply '{0}' now", [.mustache, .java, .icu]) == ["{0}"])
    }

    @Test("a link written inside ICU quotes is text, and still caught")
    func quotedLinkCaught() throws {
        let t = Template(file: "app_en.arb", name: "promo", text: "Show '{code}' at bit.ly/rfm-code", placeholders: [.icu])
        let f = Linter(ruleset: Repo.rules).lint(t).report.findings.filter { $0.rule == "url-shortener" }
        #expect(f.map(\.column) == [18])
    }

    @Test("after {{=<% %>=}} tags are <% name %>, braces are text, and {{=<% %>=}}-style tags switch back")
    func setDelimiters() {
        #expect(Self.written("{{a}} {{=<% %>=}} <% b %> {{c}} <%={{ }}=%> {{d}}", [.mustache])
                == ["{{a}}", "{{=<% %>=}}", "<% b %>", "<%={{ }}=%>", "{{d}}"])
    }

    @Test("a placeholder in custom delimiters is masked: a dotted name is no link")
    func customDelimitersMasked() {
        let t = Template(file: "note.mustache", text: "{{=<% %>=}}Hi <% contact.name %>, call us.")
        #expect(Linter(ruleset: Repo.rules).lint(t).report.findings.isEmpty)
    }
}
