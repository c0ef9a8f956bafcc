import Matching
@testable import Rules
import Testing

@Suite("Domains allowed for one check")
struct AllowedDomainsTests {
    /// Texts with links on and off the allowed domains, look-alikes, shorteners and none.
    static let texts = [
        "Please review labcorp.com and www.LabCorp.com/prep before your visit.",
        "See questdiagnostics.com or riversidefamilymed.com/forms",
        "Forms: https://bit.ly/x and https://labcorp.com/a",
        "Log in at https://labcorp.com.evil.example/login",
        "Results at https://own.com@labcorp.com/x and https://labcorp.com@bad.example/y",
        "Open https://lаbcorp.com/prep today",  // Cyrillic а: opens another site
        "Visit LABCORP.COM/PREP NOW FOR YOUR FREE RESULTS",
        "Your visit is Tue 3pm. Reply STOP to opt out.",
    ]

    /// `rules` compiled again from their source with `domains` in the settings.
    static func recompiled(_ rules: Ruleset, _ domains: [String]) -> Ruleset {
        var source = RuleDirectory(root: "", rules: rules.rules, settings: rules.settings, version: rules.version,
                                   overrides: rules.overrides)
        source.settings.allowedLinkDomains += domains.map { HostName.canonical(Substring($0)) }
        return Ruleset(compiling: source)
    }

    @Test("a check with extra domains, and allowing(domains:), give exactly the report of the ruleset recompiled with them",
          arguments: texts)
    func sameAsRecompiled(text: String) throws {
        let rules = try Package.defaultRules()
        for domains in [["LabCorp.COM"], ["labcorp.com", "questdiagnostics.com."], ["bit.ly"], []] {
            let recompiled = Self.recompiled(rules, domains).check(text)
            #expect(rules.allowing(domains: domains).check(text) == recompiled, "\(domains)")
            #expect(rules.check(text, allowing: AllowedDomains(domains)) == recompiled, "\(domains)")
        }
    }

    @Test("extra domains allow a link and its subdomains for that check only")
    func onlyThatCheck() throws {
        let rules = try Package.defaultRules()
        let text = "Please review labcorp.com and www.LabCorp.com/prep before your visit."
        let extra = AllowedDomains(["labcorp.com"])
        #expect(rules.check(text, allowing: extra).findings.filter { $0.rule == "off-domain-link" }.isEmpty)
        #expect(rules.check(text).findings.filter { $0.rule == "off-domain-link" }.count == 2)
        #expect(rules.check("See quest.com", allowing: extra).findings.contains { $0.rule == "off-domain-link" })
    }
}
