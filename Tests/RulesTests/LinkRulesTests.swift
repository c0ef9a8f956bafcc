import Testing
import Rules

@Suite("Link rules through Ruleset.check")
struct LinkRulesTests {
    @Test("hosts that only contain the practice's domain are off-domain", arguments: [
        "riversidefamilymed.com.evil.net/login", "myriversidefamilymed.com", "https://riversidefamilymed.co/forms",
    ])
    func offDomain(link: String) throws {
        let hits = try Package.defaultRules().findings("Log in at \(link) today.", rule: "off-domain-link")
        #expect(hits.map(\.match) == [link])
    }

    @Test("the practice's domain and its subdomains are on-domain", arguments: [
        "portal.riversidefamilymed.com", "https://www.riversidefamilymed.com/x", "RIVERSIDEFAMILYMED.COM/FORMS",
        "riversidefamilymed.com.",
    ])
    func onDomain(link: String) throws {
        #expect(try Package.defaultRules().findings("Log in at \(link) today", rule: "off-domain-link").isEmpty)
    }

    @Test("allowing(domains:) adds a domain and its subdomains without changing the original rules")
    func allowing() throws {
        let rules = try Package.defaultRules()
        let text = "Please review labcorp.com and www.LabCorp.com/prep before your visit."
        #expect(rules.findings(text, rule: "off-domain-link").count == 2)
        let more = rules.allowing(domains: ["LabCorp.COM"])
        #expect(more.findings(text, rule: "off-domain-link").isEmpty)
        #expect(more.findings("See questdiagnostics.com", rule: "off-domain-link").count == 1)
        #expect(more.findings("See riversidefamilymed.com", rule: "off-domain-link").isEmpty)
        #expect(more.settings.allowedLinkDomains.contains("labcorp.com"))
        #expect(rules.findings(text, rule: "off-domain-link").count == 2)
        #expect(more.version == rules.version)
    }

    @Test("allowing a shortener's domain does not stop the shortener rule")
    func allowingShortener() throws {
        let rules = try Package.defaultRules().allowing(domains: ["bit.ly"])
        let report = rules.check("Forms: https://bit.ly/x")
        #expect(report.findings.map(\.rule) == ["url-shortener"])
    }

    @Test("a shortener is flagged and gets the error's block decision")
    func shortener() throws {
        let report = try Package.defaultRules().check("Your results are ready: https://bit.ly/3xYz9Qa.")
        let hit = try #require(report.findings.first { $0.rule == "url-shortener" })
        #expect(hit.match == "https://bit.ly/3xYz9Qa")
        #expect(hit.start == 24)
        #expect(report.decision == .block)
    }

    @Test("a shortener between quotes or guillemets is still a shortener", arguments: [
        "Formulaire : “bit.ly/x”", "Formulaire : «bit.ly/x»", "Formulaire : (bit.ly/x)",
    ])
    func quotedShortener(text: String) throws {
        let hits = try Package.defaultRules().findings(text, rule: "url-shortener")
        #expect(hits.map(\.match) == ["bit.ly/x"])
    }

    @Test("email addresses, decimals and file names are not links")
    func notLinks() throws {
        let report = try Package.defaultRules().check(
            "Email billing@othersite.com, take 3.5 mg at 9.30, e.g. with food, and print form.pdf.")
        #expect(report.findings.isEmpty)
    }
}
