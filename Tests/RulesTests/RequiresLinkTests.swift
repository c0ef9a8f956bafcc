import Foundation
import Testing
@testable import Rules
import Matching

@Suite("A pattern rule that requires a link runs only on texts where a link can hang")
struct RequiresLinkTests {
    let scratch = Scratch("textgate-requires-link")

    /// A directory holding one rule file with this text, as `alert.yml`.
    func directory(_ rule: String) throws -> String { try scratch.directory(holding: "alert.yml", rule) }

    /// A rule whose regex alone would match without a link, to show what `requires_link` skips.
    static func alert(_ requires: String) -> String {
        """
        category: phishing
        severity: warning
        message: An account alert.
        rationale: Carriers filter phishing.
        kind: pattern
        \(requires)
        prefilter: [account]
        patterns:
          - '\\baccount\\s+locked\\b'
        examples:
          flag: ["Your account locked, see https://x.example"]
          pass: ["Your account is fine."]
        """
    }

    @Test("the patterns run on a text with `://` or a dot between host-name characters, and on no other")
    func gated() throws {
        let rules = try Ruleset.load(directory: directory(Self.alert("requires_link: true")))
        #expect(rules.findings("Account locked. Call us.", rule: "alert").isEmpty)
        #expect(rules.findings("Account locked: https://", rule: "alert").map(\.match) == ["Account locked"])
        #expect(rules.findings("Account locked. Go to acme.help", rule: "alert").map(\.match) == ["Account locked"])
        #expect(rules.findings("Account locked, ask at the desk.", rule: "alert").isEmpty)
        // Without the key (or with false) the same regex runs on every text with its prefilter.
        for requires in ["", "requires_link: false"] {
            let plain = try Ruleset.load(directory: directory(Self.alert(requires)))
            #expect(plain.findings("Account locked. Call us.", rule: "alert").map(\.match) == ["Account locked"])
        }
    }

    @Test("a value that is not a boolean is refused with its place")
    func validated() throws {
        let dir = try directory(Self.alert("requires_link: sometimes"))
        do throws(RulesError) {
            _ = try Ruleset.load(directory: dir)
            Issue.record("a non-boolean requires_link loaded")
        } catch {
            #expect(error.description.contains("alert.yml:6:"))
            #expect(error.description.contains("requires_link"))
        }
    }

    @Test("the default phishing rule requires a link, and each of its patterns needs one to match")
    func phishing() throws {
        let rules = try Package.defaultRules()
        let rule = try #require(rules.rules.first { $0.id == "phishing-link" })
        guard case .pattern(let patterns, _, _, let requiresLink) = rule.kind else { Issue.record("not a pattern rule"); return }
        #expect(requiresLink)
        // Its flag examples with the link taken out: no pattern matches, so skipping texts
        // without a link hides nothing.
        for example in rule.flagExamples {
            let unlinked = example.text.replacingOccurrences(of: #"(?:https?://|www\.)?[a-z0-9.-]+\.(?:com|net|org)\S*"#,
                                                            with: "the portal", options: .regularExpression)
            #expect(unlinked != example.text)
            for p in patterns {
                #expect(try !PCRE2Regex(p).matches(unlinked.lowercased()), "\(unlinked)")
            }
        }
    }
}
