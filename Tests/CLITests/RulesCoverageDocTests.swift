import Foundation
import Testing

@Suite("rules test --coverage and rules doc", .enabled(if: CLI.available, "the textgate binary was not found"))
struct RulesCoverageDocTests {
    static let overlapping = "fixtures/rulesets/coverage/overlapping"

    @Test("the default rules pass --coverage")
    func defaultRulesCovered() throws {
        let r = try CLI.run(["rules", "test", "--coverage"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(" 0 failed"))
    }

    @Test("a flag example that also triggers another rule fails --coverage, naming its file and line")
    func overlappingExample() throws {
        let plain = try CLI.run(["rules", "test", "--rules", Self.overlapping])
        #expect(plain.status == 0, "without --coverage the examples themselves pass: \(plain)")
        let r = try CLI.run(["rules", "test", "--coverage", "--rules", Self.overlapping])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(Self.overlapping)/flu-promo.yml:10:7: error: this `flag` example of rule `flu-promo` also triggers `free-gift`"))
        #expect(r.stdout.contains("ok    free-gift"))
    }

    @Test("a set whose flag examples show one rule each passes --coverage")
    func cleanSet() throws {
        #expect(try CLI.run(["rules", "test", "--coverage", "--rules", "fixtures/rulesets/coverage/clean"]).status == 0)
    }

    @Test("rules doc writes Markdown with every rule's message, rationale and examples")
    func markdown() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).md").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLI.run(["rules", "doc", out])
        #expect(r.status == 0, "\(r)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        #expect(md.hasPrefix("# textgate rules reference"))
        for id in try RulesCommandTests.ruleFileIDs() { #expect(md.contains("\n## \(id)\n"), "\(id)") }
        #expect(md.contains("**Why:** T-Mobile"))
        #expect(md.contains("cannot be suppressed"))
    }

    @Test("rules doc --format html writes one self-contained page with escaped examples")
    func html() throws {
        let r = try CLI.run(["rules", "doc", "--format", "html", "-"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<!doctype html>"))
        #expect(!r.stdout.contains("<script"))
        #expect(!r.stdout.contains("<link ") && !r.stdout.contains(" src="), "no external assets")
        #expect(r.stdout.contains("id=\"url-shortener\""))
    }

    @Test("RULES.md is the current `rules doc` output, and the shipped help_base_url points at its sections")
    func committedReference() throws {
        let r = try CLI.run(["rules", "doc", "-"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("RULES.md"), encoding: .utf8)
        #expect(committed == r.stdout, "RULES.md is stale: run `textgate rules doc RULES.md`")
        let sarif = try CLI.run(["lint", "--format", "sarif", "fixtures/templates/violations/results-ready.txt"])
        let log = try #require(try JSONSerialization.jsonObject(with: sarif.stdoutData) as? [String: Any])
        let rules = try #require(((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])
            .flatMap { ($0["driver"] as? [String: Any])?["rules"] as? [[String: Any]] })
        let shortener = try #require(rules.first { $0["id"] as? String == "url-shortener" })
        let help = try #require(shortener["helpUri"] as? String)
        #expect(help.hasSuffix("/RULES.md#url-shortener"))
        #expect(committed.contains("\n## url-shortener\n"))
    }

    @Test("a rule-file error quotes the offending line with a caret under the column")
    func quotedLine() throws {
        let r = try CLI.run(["check", "--rules", "fixtures/rulesets/invalid/unknown-key", "hello"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.contains("unknown key `suggestoin`") })
        #expect(lines[at].contains("did you mean `suggestion`?"))
        #expect(lines[at + 1] == "    suggestoin: Say it another way.")
        #expect(lines[at + 2] == "    ^")
    }
}
