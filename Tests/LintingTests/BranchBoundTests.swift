import Testing
import Matching
@testable import Linting

@Suite("Segment counts bounded by branches")
struct BranchBoundTests {
    static func worst(_ text: String, _ syntaxes: [PlaceholderSyntax]) -> String {
        let (_, ranges) = Masking.mask(text, syntaxes: syntaxes)
        let tags = Placeholders.find(in: text, syntaxes: syntaxes)
        return BranchBound.worstCase(text, placeholders: ranges, tags: tags, length: 10)
    }

    @Test("a section and its inverted twin are alternatives: the longer counts, not both, nor the tags")
    func sectionPair() {
        let a = String(repeating: "a", count: 100), b = String(repeating: "b", count: 120)
        #expect(Self.worst("{{#portal}}\(a){{/portal}}{{^portal}}\(b){{/portal}}", [.mustache]) == b)
        #expect(Self.worst("{{#if portal}}\(a){{else}}\(b){{/if}} Bye", [.mustache]) == b + " Bye")
    }

    @Test("Jinja branches, ICU cases and Notify optional text count once, the longest")
    func otherBranches() {
        #expect(Self.worst("{% if x %}short{% else %}the longer one{% endif %}!", [.mustache, .jinja]) == "the longer one!")
        #expect(Self.worst("{n, plural, one {# visit} other {# visits left}}", [.icu]) == "xxxxxxxxxx visits left")
        #expect(Self.worst("Hi((portal??, log in)).", [.notify]) == "Hi, log in.")
    }

    @Test("a branch that needs UCS-2 makes the bound UCS-2, taking that branch")
    func ucs2Branch() {
        let long = String(repeating: "c", count: 60)
        let bound = Self.worst("{{#es}}Cita mañana 🙂{{/es}}{{^es}}\(long){{/es}}", [.mustache])
        #expect(bound == "Cita mañana 🙂")
        #expect(SMSEncoding(analyzing: bound).charset == .ucs2)
    }

    @Test("a standalone tag line takes its line break with it; value placeholders count 10 characters")
    func standalone() {
        #expect(Self.worst("{{! note }}\nHi {{name}}\n{{#x}}\nA\n{{/x}}\nBye", [.mustache]) == "Hi xxxxxxxxxx\nA\nBye")
    }
}
