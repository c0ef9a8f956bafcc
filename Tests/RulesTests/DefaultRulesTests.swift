import Foundation
import Testing
import Rules

@Suite("The default rules")
struct DefaultRulesTests {
    static let ruleIDs: [String] = (try? RuleDirectory.read(Package.path("rules")).rules.map(\.id)) ?? []

    @Test("rules/ loads: every file is valid and every example behaves")
    func loads() throws {
        do {
            let rules = try Package.defaultRules()
            #expect(rules.rules.count == Self.ruleIDs.count)
            #expect(rules.settings.allowedLinkDomains == ["riversidefamilymed.com"])
        } catch {
            Issue.record("rules/ does not load:\n\(error)")
        }
    }

    /// The automaton's transitions are 16-bit while its states number fewer than 65,536; past
    /// that they are 32-bit, and the table doubles (about 9 MB more with these rules, and a slower
    /// walk), which breaks the memory target of `make bench`.
    @Test("the shipped rules' automaton keeps 16-bit transitions")
    func narrowAutomaton() throws {
        let states = try Package.defaultRules().matcherStatistics.states
        #expect(states < 65_536, """
            the automaton has \(states) states, so its transitions became 32-bit: trim terms or \
            exceptions (long phrases cost the most states), or rerun make bench and accept the memory
            """)
    }

    @Test("each rule flags its flag: examples and passes its pass: examples", arguments: ruleIDs)
    func examples(id: String) throws {
        let rules = try Package.defaultRules()
        let rule = try #require(rules.rule(id))
        #expect(!rule.flagExamples.isEmpty && !rule.passExamples.isEmpty, "\(id) needs examples of both kinds")
        for example in rule.flagExamples {
            let hits = rules.findings(example.text, rule: id)
            #expect(!hits.isEmpty, "\(example.location): \(id) does not flag \"\(example.text)\"")
        }
        for example in rule.passExamples {
            let hits = rules.findings(example.text, rule: id)
            #expect(hits.isEmpty, "\(example.location): \(id) flags \"\(example.text)\" (matched \(hits.map(\.match)))")
        }
    }

    @Test("the default categories are the six seed concerns, the reserved-keyword warning for templates, the other content carriers filter and the model's")
    func categories() throws {
        let categories = Set(try Package.defaultRules().rules.map(\.category))
        #expect(categories == ["url-shortener", "off-domain-link", "cannabis", "all-caps", "promotional", "rx-offer", "opt-out-keyword",
                               "sweepstakes", "premium-rate", "adult", "alcohol", "tobacco", "firearms", "gambling", "lending",
                               "get-rich-quick", "phishing", "controlled-substance", "weight-loss", "carrier-content"])
    }

    @Test("cannabis content cannot be suppressed")
    func cannabisNotSuppressible() throws {
        let rules = try Package.defaultRules()
        for rule in rules.rules where rule.category == "cannabis" {
            #expect(!rule.suppressible, "\(rule.id)")
        }
    }

    @Test("the shortener rule lists every domain of the shortener list plus the carriers' named ones")
    func shortenerList() throws {
        let listText = try String(contentsOfFile: Package.path("fixtures/data/url-shorteners.txt"), encoding: .utf8)
        #expect(listText.contains("CC-BY-SA-4.0"), "the copied list keeps its licence header")
        let listed = listText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(listed.count > 1000)
        let rule = try #require(try Package.defaultRules().rule("url-shortener"))
        guard case .linkDomains(let domains) = rule.kind else {
            Issue.record("url-shortener is of kind \(rule.kind.name), not link-domains")
            return
        }
        let have = Set(domains)
        let missing = listed.filter { !have.contains($0.lowercased()) }
        #expect(missing.isEmpty, "missing from rules/links/url-shortener.yml: \(missing.prefix(20))")
        let carriers = ["lc.chat", "s2r.co", "soo.gd", "bc.vc", "bit.ly", "budurl.com", "clicky.me",
                        "goo.gl", "is.gd", "tiny.cc", "tinyurl.com"]
        #expect(carriers.filter { !have.contains($0) } == [])
        let source = try String(contentsOfFile: Package.path("rules/links/url-shortener.yml"), encoding: .utf8)
        #expect(source.contains("CC-BY-SA-4.0"), "the rule file keeps the list's attribution and licence")
    }

    @Test("every shortener domain is flagged as a link", arguments: ["lc.chat", "s2r.co", "soo.gd", "bc.vc", "bit.ly",
        "budurl.com", "clicky.me", "goo.gl", "is.gd", "tiny.cc", "tinyurl.com", "1drv.ms"])
    func shortenerFlagged(domain: String) throws {
        let rules = try Package.defaultRules()
        let hits = rules.findings("Your form: \(domain)/abc", rule: "url-shortener")
        #expect(hits.map(\.match) == ["\(domain)/abc"])
        #expect(rules.findings("Your form: https://sub.\(domain)/abc", rule: "url-shortener").count == 1)
    }

    @Test("the sample messages are decided as their names say", arguments: [
        ("01-reminder-clean.txt", Decision.allow), ("02-results-clean.txt", .allow),
        ("03-secure-message-clean.txt", .allow), ("04-refill-ready-clean.txt", .allow),
        ("05-shortener.txt", .block), ("06-off-domain-link.txt", .warn), ("07-cannabis.txt", .block),
        ("08-all-caps.txt", .warn), ("09-promotional.txt", .warn), ("10-rx-offer.txt", .block),
        ("11-smart-quotes-clean.txt", .allow), ("12-cyrillic-lookalike-cannabis.txt", .block),
    ])
    func sampleMessages(file: String, decision: Decision) throws {
        let text = try String(contentsOfFile: Package.path("fixtures/messages/" + file), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        let report = try Package.defaultRules().check(text)
        #expect(report.decision == decision, "\(report.findings.map { "\($0.rule): \($0.match)" })")
    }
}
