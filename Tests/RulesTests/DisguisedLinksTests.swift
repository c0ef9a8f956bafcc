import Testing
import Rules

@Suite("Every disguise of every URL shortener is caught, on the host the browser opens")
struct DisguisedLinksTests {
    static func domains() throws -> [String] {
        let rule = try #require(try Package.defaultRules().rules.first { $0.id == "url-shortener" })
        guard case .linkDomains(let domains) = rule.kind else { Issue.record("url-shortener is a link-domains rule"); return [] }
        return domains
    }

    /// Host disguises: each gives the link as written for a host.
    static let hostForms: [(String, @Sendable (String) -> String)] = [
        ("capitals", { "HTTPS://\($0.uppercased())/x" }),
        ("ideographic full stops", { $0.replacingDots(with: "\u{3002}") + "/x" }),
        ("fullwidth full stops", { "https://" + $0.replacingDots(with: "\u{FF0E}") + "/x" }),
        ("halfwidth ideographic full stops", { $0.replacingDots(with: "\u{FF61}") + "/x" }),
        ("a percent-encoded byte", { "https://%\(String($0.utf8.first!, radix: 16))\($0.dropFirst())/x" }),
        ("user information", { "https://riversidefamilymed.com@\($0)/x" }),
        ("user information without a scheme", { "riversidefamilymed.com@\($0)/x" }),
        ("a trailing dot", { "https://\($0)./x" }),
        ("a port", { "\($0):8443/x" }),
        ("a possessive", { "\($0)'s" }),
        ("a trailing hyphen", { "\($0)-" }),
    ]

    /// The host of the finding, as written in `text`.
    func caught(_ link: String, _ label: String) throws {
        let text = "Your forms: \(link) today"
        let hits = try Package.defaultRules().findings(text, rule: "url-shortener")
        guard let hit = hits.first else {
            Issue.record("\(label): \"\(link)\" is not caught")
            return
        }
        #expect(hit.start == 12, "\(label): \(link)")
        #expect(link.unicodeScalars.starts(with: hit.match.unicodeScalars), "\(label): matched \"\(hit.match)\" of \"\(link)\"")
    }

    @Test("host forms a browser opens as the shortener", arguments: hostForms.indices)
    func hostForm(index: Int) throws {
        let (name, form) = DisguisedLinksTests.hostForms[index]
        for domain in try DisguisedLinksTests.domains() { try caught(form(domain), name) }
    }

    @Test("letter disguises of the host, with and without a scheme", arguments: Disguises.letterwise.indices)
    func letterwise(index: Int) throws {
        let disguise = Disguises.letterwise[index]
        for domain in try DisguisedLinksTests.domains() {
            let host = Disguises.apply(disguise, to: domain)
            try caught("https://\(host)/x", disguise.name)
            try caught("\(host)/x", disguise.name)
        }
    }

    @Test("a host that looks like the practice's own is not on its domain")
    func homograph() throws {
        let rules = try Package.defaultRules()
        // Cyrillic е: the browser opens another site, which is not the practice's.
        let findings = rules.check("Forms at https://riversidefamilym\u{0435}d.com/forms").findings
        #expect(findings.contains { $0.rule == "off-domain-link" })
        #expect(rules.check("Forms at https://riversidefamilymed.com/forms").findings.isEmpty)
    }
}

extension String {
    /// The string with every `.` replaced by `dot`.
    func replacingDots(with dot: String) -> String {
        split(separator: ".", omittingEmptySubsequences: false).joined(separator: dot)
    }
}
