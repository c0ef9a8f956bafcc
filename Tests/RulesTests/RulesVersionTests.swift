import Foundation
import Testing
import Rules

@Suite("The rules version")
struct RulesVersionTests {
    let scratch = Scratch("textgate-rules")

    /// A fresh copy of `rules/` in a temporary directory.
    func copyOfRules() throws -> String {
        let dir = try scratch.directory().appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: Package.path("rules"), toPath: dir.path)
        return dir.path
    }

    @Test("the same files give the same version, wherever they are, and every report carries it")
    func stable() throws {
        let original = try Package.defaultRules()
        let again = try Ruleset.load(directory: Package.path("rules"))
        let copy = try copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let copied = try Ruleset.load(directory: copy)
        #expect(again.version == original.version)
        #expect(copied.version == original.version)
        #expect(original.version.count == 16)
        #expect(original.check("CBD").rulesVersion == original.version)
        #expect(original.check("hello").rulesVersion == original.version)
    }

    @Test("editing, adding or renaming a file changes the version")
    func changes() throws {
        let original = try Package.defaultRules().version
        let copy = try copyOfRules()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = copy + "/cannabis/cannabis.yml"
        let text = try String(contentsOfFile: file, encoding: .utf8)

        try (text + "# one more comment\n").write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try Ruleset.load(directory: copy).version
        #expect(edited != original)

        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Ruleset.load(directory: copy).version == original)

        try FileManager.default.moveItem(atPath: file, toPath: copy + "/cannabis/cannabis-content.yml")
        let renamed = try Ruleset.load(directory: copy)
        #expect(renamed.version != original)
        #expect(renamed.rule("cannabis-content") != nil)
    }
}
