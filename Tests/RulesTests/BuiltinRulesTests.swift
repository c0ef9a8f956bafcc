import Foundation
import Testing
import Rules

@Suite("built-in rules")
struct BuiltinRulesTests {
    @Test("the generated built-in source matches rules/")
    func generatedIsCurrent() throws {
        let (files, problems) = try RuleDirectory.files(in: Package.path("rules"))
        #expect(problems.isEmpty)
        let expected = BuiltinRules.swiftSource(files)
        let written = try String(contentsOfFile: Package.path("Sources/Rules/BuiltinRules+Data.swift"), encoding: .utf8)
        #expect(written == expected, "Sources/Rules/BuiltinRules+Data.swift is stale; run `make generate` after editing rules/")
        #expect(BuiltinRules.files == files, "the compiled built-in rules differ from rules/; run `make generate` and rebuild")
    }

    @Test("the built-in rules are the default rules, with the same version")
    func sameAsDisk() throws {
        let builtin = try Ruleset.load(.builtin)
        let disk = try Package.defaultRules()
        #expect(builtin.version == disk.version)
        #expect(builtin.rules.map(\.id) == disk.rules.map(\.id))
        #expect(builtin.settings == disk.settings)
        #expect(builtin.check("Get 20% off CBD at bit.ly/x").findings.map(\.rule)
                == disk.check("Get 20% off CBD at bit.ly/x").findings.map(\.rule))
    }

    @Test("built-in rules locate their problems under builtin:rules/")
    func builtinLocations() throws {
        let rule = try #require(try Ruleset.load(.builtin).rule("cannabis"))
        #expect(rule.source.path == "builtin:rules/cannabis/cannabis.yml")
    }

    @Test("a string literal of the generator reproduces the text exactly")
    func literals() throws {
        let (files, _) = try RuleDirectory.files(in: Package.path("rules"))
        // Every file came back byte for byte, including the last newline.
        for (a, b) in zip(files, BuiltinRules.files) { #expect(Array(a.text.utf8) == Array(b.text.utf8), "\(a.relativePath)") }
        #expect(files.count == BuiltinRules.files.count)
    }
}
