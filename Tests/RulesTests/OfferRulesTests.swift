import Testing
import Rules

@Suite("Promotional and prescription-offer rules")
struct OfferRulesTests {
    @Test("a refill-ready notice is not an offer", arguments: [
        "Your prescription refill is ready for pickup at the pharmacy.",
        "Riverside Family Medicine: your Lipitor refill is ready. Questions? Call (201) 555-0100.",
        "Your refill request was sent to the pharmacy; we will text you when it is ready.",
    ])
    func refillReady(text: String) throws {
        let report = try Package.defaultRules().check(text)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.rule))")
        #expect(report.decision == .allow)
    }

    @Test("everyday uses of free are not promotions", arguments: [
        "Free parking is available behind the building.",
        "Feel free to call us at (201) 555-0100 with any questions.",
        "Our office is 100% smoke-free.",
        "Please save this number.",
    ])
    func notPromotional(text: String) throws {
        #expect(try Package.defaultRules().findings(text, category: "promotional").isEmpty)
    }

    @Test("sales wording is promotional", arguments: [
        "Limited time offer: teeth whitening!", "Use promo code SPRING at checkout.", "Get 20% off skin care.",
        "Order   now and get a free gift.",
    ])
    func promotional(text: String) throws {
        #expect(try !Package.defaultRules().findings(text, category: "promotional").isEmpty)
    }

    @Test("a saving on a named drug is a prescription offer")
    func rxOffer() throws {
        let report = try Package.defaultRules().check("Save 20% on your Lipitor refill")
        let hit = try #require(report.findings.first { $0.rule == "rx-offer" })
        #expect(hit.category == "rx-offer")
        #expect(hit.severity == .error)
        #expect(hit.start == 0)
        #expect(hit.match == "Save 20% on your Lipitor refill" || hit.match == "Save 20% on your Lipitor")
        #expect(report.decision == .block)
    }

    @Test("drug and offer words far apart are not an offer")
    func rxFarApart() throws {
        let text = "Save the date for our clinic open house, and remember that your blood pressure medication is due."
        #expect(try Package.defaultRules().findings(text, rule: "rx-offer").isEmpty)
    }

    @Test("selling without a prescription is flagged, warning against it is not")
    func noPrescription() throws {
        let rules = try Package.defaultRules()
        #expect(rules.findings("Buy Xanax online, no prescription needed!", rule: "rx-no-prescription").count == 1)
        #expect(rules.findings("Antibiotics are not available without a prescription.", rule: "rx-no-prescription").isEmpty)
    }
}
