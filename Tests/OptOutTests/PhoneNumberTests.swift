import Storage
import Testing

@Suite("PhoneNumber.e164")
struct PhoneNumberTests {
    @Test("the usual ways of writing a US number give +1 and ten digits",
          arguments: ["(555) 210-2000", "555.210.2000", "555-210-2000", "5552102000", "555 210 2000", "1-555-210-2000",
                      "15552102000", "1 (555) 210-2000", "+1 555 210 2000", "+1 (555) 210-2000", "+15552102000", "  (555) 210-2000\t", "555/210/2000"])
    func usFormats(_ text: String) {
        #expect(PhoneNumber.e164(text) == "+15552102000", "\(text)")
    }

    @Test("international numbers written with + keep their country code",
          arguments: [("+44 20 7946 0958", "+442079460958"), ("+33 1 23 45 67 89", "+33123456789"), ("+61 2 9999 9999", "+61299999999"),
                      ("+49 (30) 1234-5678", "+493012345678")])
    func international(_ text: String, _ expected: String) {
        #expect(PhoneNumber.e164(text) == expected)
    }

    @Test("junk and impossible numbers are nil",
          arguments: ["", "   ", "abc", "call me", "555-2102", "123", "+1 555 210 200", "0555 210 2000", "(055) 210-2000",
                      "(555) 110-2000", "(155) 210-2000", "+0 123 456 789", "+1234567890123456", "555-210-2000 ext 12",
                      "555 210 2000x", "++15552102000", "5552102000+", "+1 2", "+12 345 67", "25552102000"])
    func junk(_ text: String) {
        #expect(PhoneNumber.e164(text) == nil, "\(text)")
    }

    @Test("normalising is idempotent")
    func idempotent() {
        for text in ["(555) 210-2000", "+44 20 7946 0958"] {
            let once = PhoneNumber.e164(text)
            #expect(once.flatMap(PhoneNumber.e164) == once)
        }
    }

    @Test("the examples in PhoneNumber's own documentation and the sample practice's numbers normalise")
    func documentedExamples() {
        #expect(PhoneNumber.e164("(555) 555-0100") == "+15555550100")
        #expect(PhoneNumber.e164("555.555.0100") == "+15555550100")
        #expect(PhoneNumber.e164("1-555-555-0100") == "+15555550100")
        #expect(PhoneNumber.e164("+15555550100") == "+15555550100")
    }
}
