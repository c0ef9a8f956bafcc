import Testing
@testable import Rules

@Suite("Rule ids and categories in kebab-case")
struct KebabCaseTests {
    @Test("lowercase words of letters and digits joined by single dashes", arguments: [
        ("url-shortener", true), ("a", true), ("rx-offer", true), ("glp1-2x", true),
        ("", false), ("-a", false), ("a-", false), ("a--b", false), ("Url-shortener", false),
        ("a_b", false), ("a b", false), ("café", false),
    ])
    func kebab(text: String, valid: Bool) {
        #expect(NodeReader.isKebabCase(text) == valid)
    }
}
