import Testing
@testable import Linting

@Suite("Masking placeholders")
struct MaskingTests {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    @Test("a placeholder becomes one space per scalar, so the text around it keeps its offsets")
    func keepsOffsets() {
        let text = "Hi {{first_name}}, your visit is {{date}}."
        let (masked, ranges) = Masking.mask(text)
        #expect(masked == "Hi               , your visit is         .")
        #expect(masked.unicodeScalars.count == text.unicodeScalars.count)
        #expect(ranges == [3..<17, 33..<41])
        let t = Self.scalars(text), m = Self.scalars(masked)
        for (i, s) in m.enumerated() where s != " " { #expect(t[i] == s, "offset \(i) moved") }
    }

    @Test("offsets are Unicode scalars, also after emoji and accented letters")
    func multiByte() {
        let text = "🌿 Café {{prénom}} ➜ {{{lien}}} über"
        let (masked, ranges) = Masking.mask(text)
        #expect(masked.unicodeScalars.count == text.unicodeScalars.count)
        let t = Self.scalars(text)
        #expect(ranges.count == 2)
        #expect(String(String.UnicodeScalarView(t[ranges[0]])) == "{{prénom}}")
        #expect(String(String.UnicodeScalarView(t[ranges[1]])) == "{{{lien}}}")
        #expect(masked.hasPrefix("🌿 Café "))
        #expect(masked.hasSuffix(" ➜            über"))
    }

    @Test("triple mustaches, sections, inverted sections and comments are masked; section content is not")
    func tagKinds() {
        let text = "{{#portal}}Log in: {{{link}}}{{/portal}}{{^portal}}Call us{{/portal}}{{! staff note }}"
        let (masked, ranges) = Masking.mask(text)
        #expect(ranges.count == 6)
        func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }
        #expect(masked == spaces(11) + "Log in: " + spaces(10 + 11 + 11) + "Call us" + spaces(11 + 17))
    }

    @Test("a multi-line comment keeps its line breaks, so later lines keep their numbers")
    func multiLineComment() {
        let text = "{{! line one\nline two }}\nReply C to cancel."
        let (masked, _) = Masking.mask(text)
        #expect(masked.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
        #expect(masked.hasSuffix("\nReply C to cancel."))
    }

    @Test("text without placeholders, and an unclosed tag, are left as they are")
    func untouched() {
        #expect(Masking.mask("See you Monday").masked == "See you Monday")
        #expect(Masking.mask("See you Monday").placeholders.isEmpty)
        #expect(Masking.mask("Hi {{first_name, see you").masked == "Hi {{first_name, see you")
    }
}
