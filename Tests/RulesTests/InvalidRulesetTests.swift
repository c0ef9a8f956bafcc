import Foundation
import Testing
import Rules

@Suite("Invalid rule sets are reported precisely")
struct InvalidRulesetTests {
    static let casesDirectory = "fixtures/rulesets/invalid"

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Package.path(casesDirectory))) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// Cases whose expected.txt states the right answer, which the code does not give yet.

    /// Every diagnostic for the case, as `RulesError.description` lines.
    static func diagnostics(_ name: String) -> [String] {
        Package.enterRoot()
        do {
            _ = try Ruleset.load(directory: "\(casesDirectory)/\(name)")
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test("every kind of mistake has a case")
    func coverage() {
        let required = ["yaml-syntax", "unknown-key", "setting-of-another-kind", "missing-required-key", "bad-severity",
                        "bad-kind", "invalid-regex", "bad-domain", "duplicate-term", "not-a-list", "empty-examples",
                        "example-fails", "duplicate-rule-id", "empty-file", "max-ratio-out-of-range",
                        "settings-unknown-key", "yaml-extension", "three-broken-files"]
        #expect(required.filter { !Self.cases.contains($0) } == [])
    }

    @Test("each broken rule set gives the expected first diagnostics", arguments: cases)
    func expected(name: String) throws {
        let expectedText = try String(contentsOfFile: Package.path("\(Self.casesDirectory)/\(name)/expected.txt"), encoding: .utf8)
        let expected = expectedText.split(separator: "\n").map(String.init)
        try #require(!expected.isEmpty, "\(name)/expected.txt is empty")
        let actual = Self.diagnostics(name)
        try #require(!actual.isEmpty, "\(name) loaded without an error")
        for line in expected {
            #expect(line.hasPrefix("\(Self.casesDirectory)/\(name)/"), "expected.txt paths are relative to the package root")
        }
        #expect(Array(actual.prefix(expected.count)) == expected)
    }

    @Test("every problem in every file is reported at once")
    func allAtOnce() {
        let lines = Self.diagnostics("three-broken-files")
        let files = Set(lines.compactMap { $0.split(separator: ":").first.map(String.init) })
        #expect(files == [
            "fixtures/rulesets/invalid/three-broken-files/a-unknown-key.yml",
            "fixtures/rulesets/invalid/three-broken-files/b-bad-severity.yml",
            "fixtures/rulesets/invalid/three-broken-files/nested/c-bad-domain.yml",
        ])
    }

    @Test("both failing examples of a rule are reported, each at its own line")
    func exampleFailures() {
        let lines = Self.diagnostics("example-fails")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("bad-rule.yml:11:") == true)
        #expect(lines.last?.contains("bad-rule.yml:14:") == true)
    }

    @Test("a missing directory is an unreadable directory, not an invalid one")
    func missingDirectory() {
        #expect {
            _ = try Ruleset.load(directory: Package.path("fixtures/rulesets/no-such-dir"))
        } throws: { error in
            guard case RulesError.unreadableDirectory = error else { return false }
            return true
        }
    }

    @Test("a directory without rule files is reported")
    func noRuleFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            _ = try Ruleset.load(directory: dir)
        } throws: { error in
            (error as? RulesError)?.description == "\(dir):1:1: error: the directory holds no `.yml` rule files"
        }
    }

    @Test("a directory holding only its settings file is refused: no rule would check anything")
    func settingsOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-settings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "allowed_link_domains: [example.com]\n".write(toFile: dir + "/textgate.yml", atomically: true, encoding: .utf8)
        #expect {
            _ = try Ruleset.load(directory: dir)
        } throws: { error in
            (error as? RulesError)?.description
                == "\(dir):1:1: error: the directory holds no rule, only `textgate.yml`; add rule files beside it, or name the rules directory"
        }
    }

    @Test("RuleDirectory.read validates without running examples")
    func readSkipsExamples() throws {
        Package.enterRoot()
        let dir = try RuleDirectory.read("\(Self.casesDirectory)/example-fails")
        #expect(dir.rules.map(\.id) == ["bad-rule"])
        let failures = Ruleset(compiling: dir).testExamples()
        #expect(failures.map(\.expectedFlag) == [true, false])
        #expect(failures.map(\.example.location.line) == [11, 14])
    }
}
