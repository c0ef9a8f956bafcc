import Foundation
import HummingbirdTesting
import Server
import Testing

@Suite("secure pages: forgot PIN")
struct SecureForgotPINTests {
    /// A failed identity page with the link-specific parts (token, CSRF token) taken out.
    static func normalized(_ r: Reply, _ token: String) -> String {
        var text = r.text.replacingOccurrences(of: token, with: "TOKEN")
        if let csrf = Secure.csrf(in: r.text) { text = text.replacingOccurrences(of: csrf, with: "CSRF") }
        return text
    }

    @Test("a wrong date of birth and a wrong last name get the very same page")
    func wrongAnswersLookAlike() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let a = try await client.secureCase(h)
            let b = try await client.secureCase(h, phone: "(555) 210-2002")
            let c = try await client.secureCase(h, phone: "(555) 210-2003")
            let d = try await client.secureCase(h, phone: "(555) 210-2004")
            let wrongDOB = try await client.verify(a.token, dob: "1984-03-10")
            let wrongName = try await client.verify(b.token, lastName: "Dias")
            let bothWrong = try await client.verify(c.token, dob: "1970-01-01", lastName: "Smith")
            let badDate = try await client.verify(d.token, dob: "not a date")
            #expect(wrongDOB.status == .unprocessableContent)
            #expect([wrongName, bothWrong, badDate].allSatisfy { $0.status == wrongDOB.status })
            let expected = Self.normalized(wrongDOB, a.token)
            #expect(Self.normalized(wrongName, b.token) == expected)
            #expect(Self.normalized(bothWrong, c.token) == expected)
            #expect(Self.normalized(badDate, d.token) == expected)
            #expect(Secure.words(wrongDOB.text).contains("Those details do not match our records. You have 2 tries left"))
            for r in [wrongDOB, wrongName] {
                #expect(Secure.sessionCookie(r) == nil)
                let words = Secure.words(r.text).lowercased()
                #expect(!words.contains("date of birth is") && !words.contains("last name is") && !words.contains("wrong date"))
            }
        }
    }

    @Test("forgot PIN: verify again, set a new PIN; the old PIN stops working")
    func forgotPINSetsNewPIN() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            let pinPage = try await client.page("/s/\(c.token)")
            #expect(pinPage.text.contains("/s/\(c.token)/forgot"))
            let forgot = try await client.page("/s/\(c.token)/forgot")
            #expect(forgot.status == .ok)
            #expect(Secure.words(forgot.text).contains("To set a new PIN, confirm who you are"))
            #expect(try await client.verify(c.token, dob: "1984-09-03").status == .unprocessableContent)
            let r = try await client.verify(c.token, pin: "73928")
            #expect(r.status == .seeOther)
            #expect(Secure.sessionCookie(r) != nil)
            #expect(try await client.signIn(c.token, pin: "73928").status == .seeOther)
            #expect(try await client.signIn(c.token, pin: Secure.pin).status == .unprocessableContent)
        }
    }

    @Test("three failed identity checks lock the link until staff re-send it")
    func forgotPINLocksAfterThree() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            let first = try await client.verify(c.token, dob: "1984-03-10", pin: "73928")
            #expect(Secure.words(first.text).contains("2 tries left"))
            let second = try await client.verify(c.token, lastName: "Dias", pin: "73928")
            #expect(Secure.words(second.text).contains("1 try left"))
            let third = try await client.verify(c.token, dob: "1984-03-10", pin: "73928")
            #expect(third.status == .forbidden)
            #expect(Secure.words(third.text).contains("This link is locked"))
            #expect(Secure.words(third.text).contains("ask the practice to send you a new link"))
            // Locked: the right answers and the right PIN no longer work.
            let csrf = try #require(Secure.csrf(in: second.text))
            let right = try await client.post("/s/\(c.token)/identity", ["csrf": csrf, "dob": Secure.dob, "last_name": Secure.lastName,
                                                                          "pin": "73928", "pin_confirm": "73928"])
            #expect(right.status == .forbidden && Secure.sessionCookie(right) == nil)
            #expect(try await client.page("/s/\(c.token)/forgot").status == .forbidden)
            let pin = try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": Secure.pin])
            #expect(pin.status == .forbidden && Secure.sessionCookie(pin) == nil)
            let status = try await client.linkStatus(h.keys.sender, message: c.message)
            #expect(status["status"] as? String == "locked")
            #expect(status["lockReason"] as? String == "identity")
            #expect(status["failedIdentityChecks"] as? Int == 3)
            // The PIN was not changed by any of it.
            #expect(try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender).status == .created)
            let token = try await client.newestToken(h.keys.provider, message: c.message)
            #expect(try await client.signIn(token, pin: "73928").status == .unprocessableContent)
            #expect(try await client.verify(token, pin: "73928").status == .seeOther)
            #expect(try await client.signIn(token, pin: "73928").status == .seeOther)
        }
    }

    @Test("on a first visit, three failed identity checks lock the link as well")
    func firstVisitLocksAfterThree() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            for _ in 0..<2 { #expect(try await client.verify(c.token, lastName: "Smith").status == .unprocessableContent) }
            #expect(try await client.verify(c.token, lastName: "Smith").status == .forbidden)
            #expect(try await client.page("/s/\(c.token)").status == .forbidden)
            #expect(try await h.store.pin(recipientId: c.patient) == nil)
        }
    }
}
