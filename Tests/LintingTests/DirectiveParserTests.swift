import Testing
import Linting

@Suite("Reading suppression directives")
struct DirectiveParserTests {
    /// Rule ids as the default rules and the built-in checks know them: cannabis cannot be suppressed.
    static let known: [String: Bool] = [
        "off-domain-link": true, "url-shortener": true, "percent-off": true, "all-caps": true,
        "cannabis": false, "sms-segments": true,
    ]

    static func parse(_ text: String) -> (directives: [Directive], malformed: [MalformedDirective]) {
        DirectiveParser.parse(text, known: known)
    }

    @Test("disable-next-line with a rule and a reason")
    func nextLine() throws {
        let text = "Hi {{first_name}},\n{{! textgate-disable-next-line off-domain-link -- Quest fasting page }}\nhttps://questdiagnostics.com/fasting"
        let (directives, malformed) = Self.parse(text)
        #expect(malformed.isEmpty)
        let d = try #require(directives.first)
        #expect(directives.count == 1)
        #expect(d.kind == .disableNextLine)
        #expect(d.rules == ["off-domain-link"])
        #expect(d.reason == "Quest fasting page")
        #expect(d.line == 2 && d.endLine == 2 && d.column == 1)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[d.range])).hasPrefix("{{! textgate-disable-next-line"))
        #expect(String(String.UnicodeScalarView(scalars[d.range])).hasSuffix("page }}"))
    }

    @Test("a block names several rules, separated by commas or spaces; enable needs no reason")
    func block() throws {
        let text = "{{!textgate-disable percent-off, off-domain-link all-caps -- price list -- required by law}}\nx\n{{! textgate-enable percent-off }}"
        let (directives, malformed) = Self.parse(text)
        #expect(malformed.isEmpty)
        try #require(directives.count == 2)
        #expect(directives[0].kind == .disable)
        #expect(directives[0].rules == ["percent-off", "off-domain-link", "all-caps"])
        #expect(directives[0].reason == "price list -- required by law")
        #expect(directives[1].kind == .enable)
        #expect(directives[1].rules == ["percent-off"])
        #expect(directives[1].reason == "")
        #expect(directives[1].line == 3)
    }

    @Test("a directive that spans lines knows its first and last line and its column")
    func multiLine() throws {
        let text = "Hi {{first_name}}. {{! textgate-disable-next-line url-shortener --\n  legacy link, replaced in June }}\nbit.ly/x"
        let d = try #require(Self.parse(text).directives.first)
        #expect(d.line == 1 && d.endLine == 2)
        #expect(d.column == 20)
        #expect(d.reason == "legacy link, replaced in June")
    }

    @Test("ordinary comments are not directives")
    func ordinaryComments() {
        let (directives, malformed) = Self.parse("{{! Sent 48 hours before the visit }}{{first_name}} {{! textgate is our linter }}")
        #expect(directives.isEmpty)
        #expect(malformed.isEmpty)
    }

    @Test("a disable without a reason is malformed, and says how to write one")
    func missingReason() throws {
        for text in ["{{! textgate-disable-next-line off-domain-link }}", "{{! textgate-disable off-domain-link -- }}",
                     "{{! textgate-disable-next-line off-domain-link --    }}"] {
            let (directives, malformed) = Self.parse(text)
            #expect(directives.isEmpty, "\(text)")
            let m = try #require(malformed.first, "\(text)")
            #expect(m.problem.contains("needs a reason"), "\(m.problem)")
            #expect(m.problem.contains("-- "), "\(m.problem)")
            #expect(m.line == 1 && m.column == 1)
            #expect(m.range == 0..<text.unicodeScalars.count)
        }
    }

    @Test("a directive that names no rule is malformed")
    func noRule() throws {
        let m = try #require(Self.parse("{{! textgate-disable-next-line -- because }}").malformed.first)
        #expect(m.problem.contains("names no rule"))
        #expect(try #require(Self.parse("{{! textgate-enable }}").malformed.first).problem.contains("names no rule"))
    }

    @Test("an unknown rule is malformed and the nearest rule id is suggested")
    func unknownRule() throws {
        let m = try #require(Self.parse("{{! textgate-disable-next-line off-domain-links -- Quest page }}").malformed.first)
        #expect(m.problem.contains("unknown rule `off-domain-links`"))
        #expect(m.problem.contains("did you mean `off-domain-link`?"))
    }

    @Test("an unknown directive is malformed and the nearest directive is suggested")
    func unknownDirective() throws {
        let m = try #require(Self.parse("{{! textgate-disabel-next-line url-shortener -- legacy }}").malformed.first)
        #expect(m.problem.contains("unknown directive `textgate-disabel-next-line`"))
        #expect(m.problem.contains("did you mean `textgate-disable-next-line`?"))
        let enable = try #require(Self.parse("{{! textgate-enabled url-shortener }}").malformed.first)
        #expect(enable.problem.contains("did you mean `textgate-enable`?"))
    }

    @Test("a rule marked suppressible: false cannot be disabled, whatever the reason")
    func notSuppressible() throws {
        for text in ["{{! textgate-disable-next-line cannabis -- IRB-approved study }}",
                     "{{! textgate-disable cannabis -- IRB-approved study }}",
                     "{{! textgate-disable url-shortener, cannabis -- IRB-approved study }}"] {
            let (directives, malformed) = Self.parse(text)
            #expect(directives.isEmpty, "\(text)")
            #expect(try #require(malformed.first, "\(text)").problem.contains("rule `cannabis` cannot be suppressed"))
        }
    }

    @Test("each malformed directive is reported at its own line and column, and good ones still count")
    func several() throws {
        let text = """
            Hi {{first_name}}
            {{! textgate-disable-next-line url-shortener }}  {{! textgate-disable-next-line all-caps -- acronyms }}
            {{! textgate-disable-next-line all-caps -- acronym list }}
            """
        let (directives, malformed) = Self.parse(text)
        #expect(malformed.map { "\($0.line):\($0.column)" } == ["2:1"])
        #expect(directives.map { "\($0.line):\($0.column)" } == ["2:50", "3:1"])
    }
}
