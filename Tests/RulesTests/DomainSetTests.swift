import Testing
@testable import Rules

@Suite("Domain sets")
struct DomainSetTests {
    @Test("every listed shortener and its subdomains are in the set; look-alikes are not")
    func shorteners() throws {
        let ruleset = try Package.defaultRules()
        guard case .linkDomains(let domains)? = ruleset.rule("url-shortener")?.kind else {
            Issue.record("url-shortener is not a link-domains rule")
            return
        }
        let set = DomainSet(domains)
        let listed = Set(domains)
        #expect(domains.count > 1_000)
        var wrong: [String] = []
        for d in domains {
            if !set.contains(host: d) { wrong.append(d) }
            if !set.contains(host: "x.\(d)") { wrong.append("x.\(d)") }
            // "notil.rog.gg" is rightly in when rog.gg is listed: only hosts under no listed
            // parent must be out.
            let parents = d.split(separator: ".").indices.dropFirst().map { d.split(separator: ".")[$0...].joined(separator: ".") }
            if !parents.contains(where: listed.contains), set.contains(host: "not\(d)") { wrong.append("not\(d)") }
            if set.contains(host: "\(d).example") { wrong.append("\(d).example") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test("an empty set contains nothing")
    func empty() {
        #expect(!DomainSet([]).contains(host: "bit.ly"))
        #expect(!DomainSet([]).contains(host: ""))
    }
}
