import Testing
@testable import Rules

@Suite("Pattern rules on text outside ASCII keep Unicode word boundaries")
struct PatternUnicodeTests {
    let scratch = Scratch("textgate-pattern-unicode")

    @Test("a word that continues in a letter outside ASCII does not end at it; the same word alone does")
    func wordBoundary() throws {
        let rule = """
        category: promotional
        severity: warning
        message: A cafe offer.
        rationale: Carriers filter offers.
        kind: pattern
        prefilter: [cafe]
        patterns:
          - '\\bcafe\\b'
        examples:
          flag: ["cafe gratis"]
          pass: ["cafeña gratis"]
        """
        let rules = try Ruleset.load(directory: scratch.directory(holding: "cafe.yml", rule))
        #expect(rules.findings("Hoy cafe gratis", rule: "cafe").map(\.match) == ["cafe"])
        // `ñ` is a letter (with Unicode properties, as text outside ASCII is matched), so
        // `cafe` does not end a word in `cafeña` or `Cafeñ`.
        #expect(rules.findings("Hoy cafeña gratis", rule: "cafe").isEmpty)
        #expect(rules.findings("Hoy Cafeñ", rule: "cafe").isEmpty)
    }
}
