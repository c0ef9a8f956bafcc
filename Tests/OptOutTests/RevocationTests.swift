import OptOut
import Testing

@Suite("Free-text revocation")
struct RevocationTests {
    let classifier = KeywordClassifier()

    @Test("reasonable ways of saying stop texting me revoke consent",
          arguments: ["please stop texting me", "Please stop texting me.", "don't text me anymore", "Don’t text me anymore",
                      "take me off your list", "Take me off your list please", "remove me from your list", "stop sending me messages",
                      "Stop contacting me", "do not contact me", "no more texts please", "I don't want these texts",
                      "unsubscribe me", "opt me out", "never text me again", "Please quit messaging me"])
    func revocations(_ text: String) {
        let c = classifier.classify(text)
        #expect(c.intent == .revocation, "\(text): \(c)")
        #expect(c.revokesConsent)
        #expect(c.trigger?.isEmpty == false)
    }

    @Test("the trigger is the revoking phrase")
    func trigger() {
        #expect(classifier.classify("Hi, please stop texting me, thanks").trigger == "stop texting")
        #expect(classifier.classify("take me off your list").trigger == "take me off your list")
    }

    @Test("ordinary replies that mention stopping or texting are not revocations",
          arguments: ["Stop by at 3?", "Can you text me the address?", "I'll stop at the pharmacy", "I will stop by tomorrow",
                      "Thanks for the text!", "Text me when the doctor is ready", "Can I stop taking my meds?",
                      "Don't forget my prescription", "See you at 3", "I stopped the medication like you said"])
    func notRevocations(_ text: String) {
        let c = classifier.classify(text)
        #expect(c.intent == .message, "\(text): \(c)")
        #expect(!c.revokesConsent)
    }
}

@Suite("Free-text revocation: known false positives")
struct RevocationFalsePositiveTests {
    @Test("asking for texts instead of e-mail is not a revocation of texting")
    func emailInsteadOfText() {
        let c = KeywordClassifier().classify("Please don't email me, just text me")
        #expect(c.intent == .message)
    }
}
