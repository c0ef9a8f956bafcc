import Testing
import Matching
@testable import Linting

@Suite("Placeholder syntaxes")
struct PlaceholderSyntaxTests {
    /// The placeholders `syntaxes` find in `text`, as written.
    static func spans(_ text: String, _ syntaxes: [PlaceholderSyntax]) -> [String] {
        let bytes = Array(text.utf8)
        return Placeholders.find(in: text, syntaxes: syntaxes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    static func names(_ text: String, _ syntaxes: [PlaceholderSyntax]) -> [String?] {
        Placeholders.find(in: text, syntaxes: syntaxes).map(\.name)
    }

    @Test("each syntax finds its own placeholders, with the names they stand for")
    func eachSyntax() {
        #expect(Self.spans("Hi %{first_name}, %<amount>.2f due", [.rails]) == ["%{first_name}", "%<amount>.2f"])
        #expect(Self.names("Hi %{first_name}, %<amount>.2f due", [.rails]) == ["first_name", "amount"])
        #expect(Self.spans("Hi {0}, see you {1,date,short}", [.java]) == ["{0}", "{1,date,short}"])
        #expect(Self.spans("Hi {name}, {user.city!s:>10} {}", [.python]) == ["{name}", "{user.city!s:>10}", "{}"])
        #expect(Self.spans("Hi %(name)s, %(count)d left", [.pythonPercent]) == ["%(name)s", "%(count)d"])
        #expect(Self.spans("Hi %s, %1$s at %.2f, %d%%", [.printf]) == ["%s", "%1$s", "%.2f", "%d"])
        #expect(Self.spans("Hi %@, %lld visits, %1$@ %#@count@", [.apple]) == ["%@", "%lld", "%1$@", "%#@count@"])
        #expect(Self.spans("Hi ((first name)), (((x)))", [.notify]) == ["((first name))", "((x))"])
        #expect(Self.spans("Hi ${user.name}!", [.dollar]) == ["${user.name}"])
        #expect(Self.spans("From $t(clinic.name) and $t(ns:faq.cbd, {\"count\": {{n}} })", [.i18next, .mustache])
            == ["$t(clinic.name)", "$t(ns:faq.cbd, {\"count\": {{n}} })"])
        #expect(Self.names("From $t(clinic.name)", [.i18next]) == ["clinic.name"])
        #expect(Self.spans("{% if x %}A{% else %}B{% endif %}{# note #}", [.jinja])
            == ["{% if x %}", "{% else %}", "{% endif %}", "{# note #}"])
        #expect(Self.names("{{ name | upper }} {{#x}}{{/x}} {{! c }} {{{link}}} {{else}}", [.mustache])
            == ["name", nil, nil, nil, "link", nil])
    }

    @Test("a span counts only when its inside is a name of the syntax: links in braces stay text")
    func linksStayText() {
        #expect(Self.spans("Go to {bit.ly/x} now", [.icu, .python, .java]).isEmpty)
        #expect(Self.spans("Go to %{bit.ly/x} now", [.rails]).isEmpty)
        #expect(Self.spans("Call (201) 555-0199 ((not/a (name)))", [.notify]).isEmpty)
        #expect(Self.spans("100%% sure, %%{name} is literal", [.rails]).isEmpty)
        #expect(Self.spans("Pay $t(bit.ly/x) or $t() or $t(name, not json)", [.i18next]).isEmpty)
    }

    @Test("ICU plural and select yield their tags; each branch's text stays text, with # as the number")
    func icuBranches() {
        let text = "{n, plural, =0 {No visits} one {# visit at bit.ly} other {# visits}} {g, select, f {Ms} other {}}"
        let spans = Self.spans(text, [.icu])
        #expect(spans == ["{n, plural,", "=0 {", "}", "one {", "#", "}", "other {", "#", "}", "}",
                          "{g, select,", "f {", "}", "other {", "}", "}"])
        let (masked, _) = Masking.mask(text, syntaxes: [.icu])
        #expect(masked.contains("No visits"))
        #expect(masked.contains("visit at bit.ly"))
        #expect(!masked.contains("plural"))
    }

    @Test("Notify optional content keeps its text as text")
    func notifyOptional() {
        #expect(Self.spans("((has_portal??Log in at example.org)) Bye", [.notify]) == ["((has_portal??", "))"])
    }

    @Test("printf is not read in Mustache or Rails text: '20% off' stays text")
    func percentStaysText() {
        #expect(Self.spans("20% off and 50% sale, %{name}", [.mustache, .rails]) == ["%{name}"])
    }

    @Test("a per-path glob sets a file's syntaxes, --placeholders sets the rest, formats give the default")
    func policy() throws {
        let policy = PlaceholderPolicy(byPath: [(glob: "locales/**", syntaxes: [.rails])], everywhere: nil)
        #expect(policy.syntaxes(forFile: "config/locales/sms/en.yml", defaults: [.mustache]) == [.rails])
        #expect(policy.syntaxes(forFile: "templates/a.txt", defaults: [.mustache]) == [.mustache])
        #expect(try PlaceholderPolicy.parse("rails, ICU", given: "--placeholders") == [.rails, .icu])
        #expect(throws: LintError.unknownPlaceholderSyntax(name: "erb", given: "--placeholders")) {
            try PlaceholderPolicy.parse("rails,erb", given: "--placeholders")
        }
    }
}
