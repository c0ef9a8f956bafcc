import Foundation
import Testing

@Suite("rules list, test and explain", .enabled(if: CLI.available, "the textgate binary was not found"))
struct RulesCommandTests {
    /// Rule ids from the file names under rules/.
    static func ruleFileIDs() throws -> [String] {
        let dir = CLI.root.appendingPathComponent("rules").path
        let files = try #require(FileManager.default.enumerator(atPath: dir)?.allObjects as? [String])
        return files.filter { $0.hasSuffix(".yml") && !$0.hasSuffix("textgate.yml") }
            .map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }.sorted()
    }

    @Test("list names every rule with its severity, category and kind, then the count and version")
    func list() throws {
        let r = try CLI.run(["rules", "list"])
        #expect(r.status == 0, "\(r)")
        let ids = try Self.ruleFileIDs()
        let rows = r.lines.dropLast()
        #expect(rows.map { String($0.prefix { $0 != " " }) } == ids)
        let cannabis = try #require(rows.first { $0.hasPrefix("cannabis ") })
        #expect(cannabis.split(separator: " ") == ["cannabis", "error", "cannabis", "terms"])
        let version = try CLI.run(["check", "--format", "jsonl", "fine"]).jsonLines().first?["rulesVersion"] as? String
        #expect(r.lines.last?.hasPrefix("\(ids.count) rules in rules, version \(version ?? "?"); one automaton of ") == true)
    }

    @Test("test passes on the default rules")
    func testDefault() throws {
        let r = try CLI.run(["rules", "test"])
        #expect(r.status == 0, "\(r)")
        #expect(r.lines.last?.hasSuffix(" passed, 0 failed") == true)
        #expect(r.lines.filter { $0.hasPrefix("ok    ") }.count == (try Self.ruleFileIDs()).count)
        #expect(r.stderr.isEmpty, "the default rules draw no warning: \(r.stderr)")
    }

    @Test("test prints the rules' warnings on stderr, naming the file, and still passes")
    func testWarns() throws {
        let r = try CLI.run(["rules", "test", "--rules", "fixtures/rulesets/valid/catastrophic-regex"])
        #expect(r.status == 0, "\(r)")
        #expect(r.lines.last == "2 passed, 0 failed")
        #expect(r.stderr.contains("fixtures/rulesets/valid/catastrophic-regex/nested-quantifier.yml:1:1: warning: the pattern `^(a+)+$`"), "\(r)")
    }

    @Test("test fails on broken examples and names each one's file and line")
    func testBroken() throws {
        let r = try CLI.run(["rules", "test", "--rules", "fixtures/rulesets/invalid/example-fails"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("FAIL  bad-rule"))
        #expect(r.stdout.contains("  fixtures/rulesets/invalid/example-fails/bad-rule.yml:11:7: error: rule `bad-rule` does not flag its own `flag:` example \"this is not flagged\""))
        #expect(r.stdout.contains("  fixtures/rulesets/invalid/example-fails/bad-rule.yml:14:7: error: rule `bad-rule` flags its own `pass:` example \"but this is forbidden\""))
        #expect(r.lines.last == "2 passed, 2 failed")
    }

    @Test("test on an invalid directory exits 2 with the diagnostics")
    func testInvalid() throws {
        let r = try CLI.run(["rules", "test", "--rules", "fixtures/rulesets/invalid/bad-severity"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("fixtures/rulesets/invalid/bad-severity/bad-rule.yml:2:11: error: severity `eror`"))
    }

    @Test("explain shows what, why, how and the examples of a rule")
    func explain() throws {
        let r = try CLI.run(["rules", "explain", "url-shortener"])
        #expect(r.status == 0, "\(r)")
        #expect(r.lines.first == "url-shortener (error, category url-shortener, kind link-domains)")
        #expect(r.stdout.contains("defined in rules/links/url-shortener.yml"))
        for label in ["What:  ", "Why:   ", "Fix:   ", "How:   a link on any of ", "Flags:", "Passes:"] {
            #expect(r.stdout.contains(label), "missing \(label)")
        }
        #expect(r.stdout.contains("  ✗ Your results are ready: https://bit.ly/3xYz9Qa"))
        #expect(r.stdout.contains("  ✓ Log your steps at orbit.ly/steps"))
    }

    @Test("explain of the off-domain rule names the allowed domains")
    func explainPolicy() throws {
        let r = try CLI.run(["rules", "explain", "off-domain-link"])
        #expect(r.stdout.contains("other than riversidefamilymed.com"), "\(r)")
    }

    @Test("explain of a rule that requires a link says its patterns run only on a text with one")
    func explainRequiresLink() throws {
        let r = try CLI.run(["rules", "explain", "phishing-link"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("occurs, and only on a text with a link"), "\(r)")
    }

    @Test("explain of an unknown rule id exits 2")
    func explainUnknown() throws {
        let r = try CLI.run(["rules", "explain", "no-such-rule"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no rule `no-such-rule`"))
    }
}
