import Foundation
import HummingbirdTesting
import Server
import Testing

@Suite("secure messages: expiry and re-sending")
struct SecureExpiryTests {
    @Test("a link works until one second before 72 hours and is expired at 72:00:00 exactly")
    func expiresAtSeventyTwoHoursToTheSecond() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            h.clock.advance(72 * 3600 - 1)
            let before = try await client.page("/s/\(c.token)")
            #expect(before.status == .ok, "\(before)")
            #expect(before.text.contains("Confirm it is you"))
            #expect(try await client.linkStatus(h.keys.sender, message: c.message)["status"] as? String == "active")
            h.clock.advance(1)
            let after = try await client.page("/s/\(c.token)")
            #expect(after.status == .gone, "\(after)")
            let words = Secure.words(after.text)
            #expect(words.contains("This link has expired"))
            #expect(words.contains("ask the practice to send you a new link"))
            #expect(words.contains("(201) 555-0100"))
            #expect(!after.text.contains("name=\"csrf\""), "an expired link still offers a form")
            #expect(try await client.linkStatus(h.keys.sender, message: c.message)["status"] as? String == "expired")
        }
    }

    @Test("an expired link refuses the forms too, and a signed-in session ends with it")
    func expiredLinkRefusesPosts() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let csrf = try await client.csrf(c.token)
            let cookie = try await client.firstVisit(c.token)
            h.clock.advance(72 * 3600)
            let thread = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(thread.status == .gone, "the expired notice at once, not a redirect to it")
            #expect(Secure.words(thread.text).contains("This link has expired"))
            let pin = try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": Secure.pin])
            #expect(pin.status == .gone)
            #expect(Secure.sessionCookie(pin) == nil)
            let identity = try await client.post("/s/\(c.token)/identity", ["csrf": csrf, "dob": Secure.dob, "last_name": Secure.lastName,
                                                                             "pin": "38461", "pin_confirm": "38461"])
            #expect(identity.status == .gone)
            #expect(Secure.words(identity.text).contains("This link has expired"))
        }
    }

    @Test("the expiry is configurable per practice")
    func expiryIsConfigurable() async throws {
        try await withServer(config: Secure.config(expiryHours: 24)) { h, client in
            let c = try await client.secureCase(h)
            let status = try await client.linkStatus(h.keys.sender, message: c.message)
            let created = try #require(ISO8601DateFormatter.fractional.date(from: status["createdAt"] as? String ?? ""))
            let expires = try #require(ISO8601DateFormatter.fractional.date(from: status["expiresAt"] as? String ?? ""))
            #expect(expires.timeIntervalSince(created) == 24 * 3600)
            h.clock.advance(24 * 3600 - 1)
            #expect(try await client.page("/s/\(c.token)").status == .ok)
            h.clock.advance(1)
            #expect(try await client.page("/s/\(c.token)").status == .gone)
        }
    }

    @Test("a re-sent link invalidates the old one, which then shows the newer-link page")
    func resendInvalidatesOldLink() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let oldCookie = try await client.firstVisit(c.token)
            // Time passes before the re-send (the outbox lists items by time, then id).
            h.clock.advance(60)
            let resent = try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender)
            #expect(resent.status == .created, "\(resent)")
            #expect((resent.json["link"] as? [String: Any])?["status"] as? String == "active")
            #expect((resent.json["deliveries"] as? [Any])?.count == 1)
            let token = try await client.newestToken(h.keys.provider, message: c.message)
            #expect(token != c.token)
            let items = try await client.outbox(h.keys.provider)
            let newest = try #require(items.last?["body"] as? String)
            #expect(newest.replacingOccurrences(of: token, with: "T") == c.notification.replacingOccurrences(of: c.token, with: "T"))

            let old = try await client.page("/s/\(c.token)")
            #expect(old.status == .gone)
            #expect(Secure.words(old.text).contains("newer link"))
            let oldThread = try await client.page("/s/\(c.token)/thread", cookie: oldCookie)
            #expect(oldThread.status == .gone)
            #expect(Secure.words(oldThread.text).contains("newer link"))
            let fresh = try await client.page("/s/\(token)")
            #expect(fresh.status == .ok)
            #expect(fresh.text.contains("Enter your PIN"), "the PIN the patient chose is kept")
            let signIn = try await client.signIn(token)
            #expect(signIn.status == .seeOther)
            // The re-send starts a fresh expiry.
            h.clock.advance(72 * 3600 - 1)
            #expect(try await client.page("/s/\(token)").status == .ok)
        }
    }

    @Test("re-sending needs a secure message that exists, and a sender key")
    func resendErrors() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            let sms = try await client.sendText(h.keys.sender, to: patient)
            let smsId = try #require(sms.json["id"] as? String)
            let notSecure = try await client.call(.post, "/v1/messages/\(smsId)/resend-link", key: h.keys.sender)
            #expect(notSecure.status == .conflict)
            #expect(notSecure.errorCode == "not_a_secure_message")
            #expect(try await client.call(.get, "/v1/messages/\(smsId)/secure-link", key: h.keys.sender).errorCode == "not_a_secure_message")
            let missing = try await client.call(.post, "/v1/messages/msg_nope/resend-link", key: h.keys.sender)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "message_not_found")
            #expect(try await client.call(.get, "/v1/messages/msg_nope/secure-link", key: h.keys.sender).status == .notFound)
            #expect(try await client.call(.post, "/v1/messages/\(smsId)/resend-link").status == .unauthorized)
            #expect(try await client.call(.post, "/v1/messages/\(smsId)/resend-link", key: h.keys.provider).status == .forbidden)
        }
    }
}

extension ISO8601DateFormatter {
    /// `2026-05-28T20:26:40.000Z`.
    static var fractional: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}
