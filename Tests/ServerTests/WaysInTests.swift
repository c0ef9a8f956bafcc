import Foundation
import HTTPTypes
import HummingbirdTesting
import Messaging
import Storage
import Testing

@Suite("Every way in: nothing cut, nothing sent twice, no token at rest")
struct WaysInTests {
    @Test("an appointment's location or provider with a control character is 422 invalid_field, not stored cut")
    func appointmentControls() async throws {
        try await withServer { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let start = APITimeText.string(h.clock.read().addingTimeInterval(3 * 86_400))
            let created = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                                json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"\(start)\",\"location\":\"Suite\\u0000 200\"}")
            #expect(created.status == .unprocessableContent, "\(created)")
            #expect(created.errorCode == "invalid_field")
            #expect(created.details["field"] as? String == "location")
            let ok = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                           json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"\(start)\",\"location\":\"Suite 200\"}")
            let id = try #require(ok.json["id"] as? String)
            let patched = try await client.call(.patch, "/v1/appointments/\(id)", key: h.keys.sender, json: "{\"provider\":\"Dr\\u001b Who\"}")
            #expect(patched.status == .unprocessableContent, "\(patched)")
            #expect(patched.details["field"] as? String == "provider")
        }
    }

    @Test("naming a notify method twice is refused: the text would go twice")
    func notifyTwice() async throws {
        try await withServer { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let r = try await client.call(.post, "/v1/messages", key: h.keys.sender,
                                          json: "{\"recipient\":\"\(ana)\",\"kind\":\"sms\",\"notify\":[\"sms\",\"sms\"],\"body\":\"Hi\",\"idempotencyKey\":\"n6\"}")
            #expect(r.errorCode == "invalid_notify", "\(r)")
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
        }
    }

    @Test("a status callback whose bytes or escapes are not UTF-8 is 400 invalid_utf8")
    func statusUTF8() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/status", key: h.keys.provider, form: "MessageSid=SM%FFbad&MessageStatus=delivered")
            #expect(r.status == .badRequest, "\(r)")
            #expect(r.errorCode == "invalid_utf8")
        }
    }

    @Test("a re-sent secure link is sealed in the outbox and redacted, as the first one is")
    func resentLinkSealed() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            h.clock.advance(60)
            let resent = try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender)
            #expect(resent.status == .created, "\(resent)")
            let token = try await client.newestToken(h.keys.provider, message: c.message)
            let stored = try #require(try await h.store.outbox(includeAcked: true).last)
            #expect(!stored.body.contains(token), "the new token is redacted in the stored body")
            #expect(stored.sealedBody != nil)
            let ack = try await client.call(.post, "/v1/outbox/\(stored.id)/ack", key: h.keys.provider)
            #expect(ack.status == .ok)
            #expect(try #require(try await h.store.outbox(includeAcked: true).last).sealedBody == nil)
        }
    }

    @Test("an SMS broadcast whose template is too long for anyone is 422 message_too_long")
    func broadcastTooLong() async throws {
        try await withServer { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let template = "Hi {{firstName}} " + String(repeating: "word ", count: 600)
            let r = try await client.call(.post, "/v1/broadcasts", key: h.keys.sender,
                                          json: "{\"template\":\"\(template)\",\"recipients\":[\"\(ana)\"],\"idempotencyKey\":\"blong\"}")
            #expect(r.status == .unprocessableContent, "\(r)")
            #expect(r.errorCode == "message_too_long")
        }
    }

    @Test("a number that does not fit its field is that field's 400, not invalid JSON")
    func numberThatDoesNotFit() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/outbox/claim", key: h.keys.provider, json: #"{"limit":1.5}"#)
            #expect(r.status == .badRequest, "\(r)")
            #expect(r.errorCode == "invalid_field", "\(r)")
            #expect(r.details["field"] as? String == "limit")
            let malformed = try await client.call(.post, "/v1/outbox/claim", key: h.keys.provider, json: #"{"limit":"#)
            #expect(malformed.errorCode == "invalid_json")
        }
    }
}
