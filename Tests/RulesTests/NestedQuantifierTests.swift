import Testing
@testable import Rules

@Suite("Nested quantifiers are warned about at load")
struct NestedQuantifierTests {
    @Test("repeated groups that hold a repetition are found; safe shapes are not", arguments: [
        ("^(a+)+$", true), ("(\\w*\\s?)*x", true), ("(?:ab+){2,}", true), ("((a)+)*", true),
        ("(a|b)+", false), ("(?>a+)+", false), ("(a+)++", false), ("\\(a+\\)+", false), ("[(a+)]+", false),
        ("(?:save|get) \\d{1,3}% off", false), ("(a+){3}", false),
    ])
    func shapes(_ pattern: String, _ nested: Bool) {
        #expect(NestedQuantifier.found(in: pattern) == nested, "\(pattern)")
    }

    @Test("the catastrophic fixture warns with its file; the default rules do not")
    func rulesets() throws {
        let bad = try Ruleset.load(directory: Package.path("fixtures/rulesets/valid/catastrophic-regex"))
        #expect(bad.warnings.count == 1)
        #expect(bad.warnings.first?.location.path.hasSuffix("nested-quantifier.yml") == true)
        #expect(try Package.defaultRules().warnings.isEmpty)
    }
}
