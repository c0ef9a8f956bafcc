import Foundation
import HummingbirdTesting
import Messaging
import Server
import Storage
import Testing

/// A live server on loopback whose `http` transport (queued texts sent on by the delivery
/// worker, which tests run with `deliver`) sends to `fake`, naming the server's own
/// `/v1/status` as the StatusCallback; status callbacks must be signed with the fake's token.
func withReceiptServer(_ fake: FakeTwilio, _ base: String, transport retry: RetryPolicy = RetryPolicy(attempts: 2),
                       _ body: @Sendable (Harness, any TestClientProtocol) async throws -> Void) async throws {
    var config = ServerConfig()
    config.transportKind = "http"
    config.http = FakeProviderTests.settings(base)
    config.providerSecret = fake.token
    let callback = StatusCallbackURL(publicURL: nil)
    let transport = HTTPTransport(settings: FakeProviderTests.settings(base), statusCallback: { callback.url },
                                  retry: retry, sleep: { _ in }, random: { 0 })
    try await Harness.make(config: config, provider: transport).closing { h in
        try await h.app.test(.live) { client in
            callback.serverListening(at: "http://127.0.0.1:\(try #require(client.port))")
            try await body(h, client)
        }
    }
}

@Suite("Delivery receipts: POST /v1/status and GET /v1/messages/{id} with a fake Twilio on loopback")
struct DeliveryReceiptTests {
    /// Sends a text to a new patient at `phone` and lets the delivery worker send it on; the
    /// message id and the provider's sid.
    static func send(_ client: any TestClientProtocol, _ h: Harness, phone: String = "+15552102001") async throws -> (message: String, sid: String) {
        let message = try await queue(client, h, phone: phone)
        try await deliver(h)
        let sid = try #require(try await history(client, h, message).delivery["providerSid"] as? String)
        return (message, sid)
    }

    /// Sends a text to a new patient at `phone`: accepted and queued (202); its message id.
    static func queue(_ client: any TestClientProtocol, _ h: Harness, phone: String) async throws -> String {
        let patient = try await client.makePatient(h.keys.sender, phone: phone)
        let sent = try await client.sendText(h.keys.sender, to: patient)
        #expect(sent.status == .accepted, "\(sent)")
        #expect(sent.json["status"] as? String == "queued")
        return try #require(sent.json["id"] as? String)
    }

    /// Runs the delivery worker until nothing is queued.
    static func deliver(_ h: Harness) async throws {
        try await #require(h.state.delivery).runDue()
    }

    static func history(_ client: any TestClientProtocol, _ h: Harness, _ message: String) async throws -> (status: String?, statuses: [String], delivery: [String: Any]) {
        let r = try await client.call(.get, "/v1/messages/\(message)", key: h.keys.sender)
        #expect(r.status == .ok, "\(r)")
        let delivery = try #require((r.json["deliveries"] as? [[String: Any]])?.first)
        let statuses = (delivery["history"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
        return (delivery["status"] as? String, statuses, delivery)
    }

    @Test("callbacks apply in order: a late sent and a repeated delivered change nothing")
    func ordering() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                let (message, sid) = try await Self.send(client, h)
                let callback = try #require(fake.posts.first?.fields["StatusCallback"])
                #expect(callback.hasPrefix("http://127.0.0.1:") && callback.hasSuffix("/v1/status"))

                let sent = try await fake.postStatus(sid, "sent", key: h.keys.provider)
                #expect(sent.status == 200, "\(sent.body)")
                #expect(sent.body.contains(#""applied":true"#))
                h.clock.advance(5)
                #expect(try await fake.postStatus(sid, "delivered", key: h.keys.provider).body.contains(#""applied":true"#))
                h.clock.advance(5)
                let late = try await fake.postStatus(sid, "sent", key: h.keys.provider)
                #expect(late.status == 200)
                #expect(late.body.contains(#""applied":false"#))
                #expect(try await fake.postStatus(sid, "delivered", key: h.keys.provider).body.contains(#""applied":false"#))

                let now = try await Self.history(client, h, message)
                #expect(now.status == "delivered", "delivered is never overwritten by sent")
                #expect(now.statuses == ["queued", "sent", "delivered"])
                #expect(now.delivery["providerSid"] as? String == sid)
                #expect(now.delivery["text"] as? String == "Your visit is Tue 3pm. Reply STOP to opt out.")
            }
        }
    }

    @Test("a callback with a wrong or missing signature is refused and changes nothing")
    func signatureRefused() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                let (message, sid) = try await Self.send(client, h)
                let forged = try await fake.postStatus(sid, "delivered", key: h.keys.provider, signingToken: "not-the-token")
                #expect(forged.status == 403)
                #expect(forged.body.contains("invalid_signature"))
                let unsigned = try await client.call(.post, "/v1/status", key: h.keys.provider,
                                                     form: "MessageSid=\(sid)&MessageStatus=delivered")
                #expect(unsigned.status == .forbidden)
                #expect(try await Self.history(client, h, message).statuses == ["queued"])
                let sender = try await fake.postStatus(sid, "delivered", key: h.keys.sender)
                #expect(sender.status == 403, "a sender key may not post receipts")
            }
        }
    }

    @Test("an ErrorCode that is not a plain number of at most 9 digits is refused and changes nothing")
    func errorCodeRefused() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                let (message, sid) = try await Self.send(client, h)
                for code in ["+5", "30007x", "1234567890"] {
                    let r = try await fake.postStatus(sid, "undelivered", errorCodeText: code, key: h.keys.provider)
                    #expect(r.status == 400, "\(code)")
                    #expect(r.body.contains("\"field\":\"ErrorCode\""), "\(code): \(r.body)")
                }
                #expect(try await Self.history(client, h, message).statuses == ["queued"])
            }
        }
    }

    @Test("carrier filtering (30007) shows on the audit record and in /metrics by rules version")
    func carrierFiltered() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                let (message, sid) = try await Self.send(client, h)
                let r = try await fake.postStatus(sid, "undelivered", errorCode: 30007, errorMessage: "Message filtered", key: h.keys.provider)
                #expect(r.status == 200, "\(r.body)")
                let now = try await Self.history(client, h, message)
                #expect(now.status == "undelivered")
                #expect(now.delivery["errorCode"] as? Int == 30007)
                #expect(now.delivery["carrierFiltered"] as? Bool == true)

                let audit = try await client.call(.get, "/v1/audit", key: h.keys.admin)
                let record = try #require((audit.json["items"] as? [[String: Any]])?.first { $0["message"] as? String == message })
                #expect(record["carrierFiltered"] as? Bool == true)
                #expect((record["deliveries"] as? [[String: Any]])?.first?["errorCode"] as? Int == 30007)

                let version = h.state.rules.ruleset.version
                let metrics = try await client.call(.get, "/metrics")
                #expect(metrics.text.contains(#"textgate_provider_refusals_total{code="30007",reason="carrier_filtered",rules_version="\#(version)"} 1"#),
                        "\(metrics.text)")
            }
        }
    }

    @Test("a 21610 callback records the opt-out: the next send is refused by the gate, and it is counted")
    func optedOutCallback() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                let (message, sid) = try await Self.send(client, h)
                _ = try await fake.postStatus(sid, "failed", errorCode: 21610, errorMessage: "Attempt to send to unsubscribed recipient", key: h.keys.provider)
                let stored = try #require(try await h.store.message(id: message))
                let again = try await client.sendText(h.keys.sender, to: stored.recipientId)
                #expect(again.errorCode == "recipient_opted_out")
                #expect(again.details["source"] as? String == "provider")
                #expect(fake.posts.count == 1, "the refused send never reached the provider")
                let metrics = try await client.call(.get, "/metrics")
                #expect(metrics.text.contains(#"textgate_provider_refusals_total{code="21610",reason="opted_out""#))
            }
        }
    }

    @Test("the fake posts sent and delivered after each send on its own; the message ends delivered")
    func automaticCallbacks() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            try await withReceiptServer(fake, base) { h, client in
                fake.postAfterSend(["sent", "delivered"], key: h.keys.provider)
                let (message, _) = try await Self.send(client, h)
                await fake.settle()
                let now = try await Self.history(client, h, message)
                #expect(now.status == "delivered")
                #expect(now.statuses.last == "delivered")
                let listed = try await client.call(.get, "/v1/messages?status=delivered", key: h.keys.sender)
                #expect((listed.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [message])
            }
        }
    }

    @Test("a 429 then success is retried once and sent; a 500 forever fails after the limit; a 400 is never retried")
    func retries() async throws {
        let fake = FakeTwilio(failing: ["+15552102666"], scripts: ["+15552102001": [429], "+15552102400": [400]])
        try await fake.run { base in
            try await withReceiptServer(fake, base, transport: RetryPolicy(attempts: 3)) { h, client in
                let (message, sid) = try await Self.send(client, h)
                #expect(fake.posts.count == 2)
                #expect(sid.hasPrefix("SM"))
                #expect(try await h.store.message(id: message)?.status == "sent")

                let broken = try await Self.queue(client, h, phone: "+15552102666")
                try await Self.deliver(h)
                let failed = try await Self.history(client, h, broken)
                #expect(failed.status == "failed")
                #expect((failed.delivery["errorMessage"] as? String)?.contains("to all 3 tries") == true, "\(failed.delivery)")
                #expect(try await h.store.message(id: broken)?.status == "failed")
                #expect(fake.posts.count == 5)

                let invalid = try await Self.queue(client, h, phone: "+15552102400")
                try await Self.deliver(h)
                #expect(fake.posts.count == 6)
                let shown = try await Self.history(client, h, invalid)
                #expect(shown.status == "failed")
                #expect((shown.delivery["errorMessage"] as? String)?.contains("not retried") == true)
                #expect(shown.delivery["providerSid"] is NSNull)
                #expect(try await h.store.outbox(includeAcked: false).isEmpty, "every item acknowledged, none to retry")
            }
        }
    }
}
