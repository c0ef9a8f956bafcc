import Foundation
import Messaging
import OptOut
import Server
import Storage
import Testing

@Suite("The http transport against a fake Twilio on loopback")
struct FakeProviderTests {
    /// Settings for the fake provider at `base`. Its answers are written on the test run's
    /// cooperative threads, which the suite's CPU-heavy and process-running tests can hold for
    /// minutes in a debug build: a post may wait that long, so the deadline is far beyond 15 s.
    static func settings(_ base: String) -> HTTPTransport.Settings {
        HTTPTransport.Settings(baseURL: base + "/", account: "AC123", token: "secret-token", timeout: .seconds(900))
    }

    @Test("a text is posted as Twilio's form with basic auth and the sid comes back")
    func postsForm() async throws {
        let fake = FakeTwilio()
        try await fake.run { base in
            let transport = HTTPTransport(settings: Self.settings(base))
            #expect(transport.name == "http")
            let sid = try await transport.deliver(Delivery(messageId: "msg_1", channel: "sms", from: "+15555550100",
                                                           to: "+15552102001", body: "Your visit is Tue 3pm & bring ID."))
            #expect(sid.hasPrefix("SM"))
        }
        let post = try #require(fake.posts.first)
        #expect(fake.posts.count == 1)
        #expect(post.path == "/2010-04-01/Accounts/AC123/Messages.json")
        #expect(post.authorization == "Basic " + Data("AC123:secret-token".utf8).base64EncodedString())
        #expect(post.contentType == "application/x-www-form-urlencoded")
        #expect(post.fields == ["To": "+15552102001", "From": "+15555550100", "Body": "Your visit is Tue 3pm & bring ID."])
    }

    @Test("a 21610 refusal is an opted-out error; another refusal or e-mail is a failure")
    func refusals() async throws {
        let fake = FakeTwilio(optedOut: ["+15552102009"], failing: ["+15552102666"])
        try await fake.run { base in
            // Retries answer at once: the waits are TransportRetryTests' concern.
            let transport = HTTPTransport(settings: Self.settings(base), sleep: { _ in })
            await #expect(throws: TransportError.optedOut(providerCode: 21610, message: "Attempt to send to unsubscribed recipient")) {
                _ = try await transport.deliver(Delivery(messageId: "m", channel: "sms", from: "+15555550100", to: "+15552102009", body: "hi"))
            }
            do throws(TransportError) {
                _ = try await transport.deliver(Delivery(messageId: "m", channel: "sms", from: "+15555550100", to: "+15552102666", body: "hi"))
                Issue.record("a 500 was taken as delivered")
            } catch {
                guard case .failed(let reason) = error else { Issue.record("\(error)"); return }
                #expect(reason.contains("500"))
            }
            do throws(TransportError) {
                _ = try await transport.deliver(Delivery(messageId: "m", channel: "email", from: "a@b.org", to: "c@d.org", body: "hi"))
                Issue.record("e-mail was taken as delivered")
            } catch {
                guard case .failed = error else { Issue.record("\(error)"); return }
            }
        }
        #expect(fake.posts.count == 5, "21610 once; the 500 four times (retried), e-mail never")
    }

    @Test("a carrier refusal through the pipeline records the opt-out; the next send is refused before reaching the provider")
    func pipelineRecordsOptOut() async throws {
        let fake = FakeTwilio(optedOut: ["+15552102009"])
        try await fake.run { base in
            try await Harness.make(transport: HTTPTransport(settings: Self.settings(base))).closing { h in
                let now = h.clock.read()
                try await h.store.insertRecipient(Recipient(id: "pat_1", kind: .patient, dateOfBirth: "1980-01-01",
                                                            cellPhone: "+15552102009", createdAt: now, updatedAt: now))
                let request = SendRequest(recipientId: "pat_1", kind: "sms", notify: ["sms"], body: "Your visit is Tue 3pm.", queue: nil, caller: "key_t")
                do throws(SendError) {
                    _ = try await h.state.pipeline.send(request)
                    Issue.record("the refused send succeeded")
                } catch {
                    #expect(error.code == "recipient_opted_out")
                    #expect(error.kind == .conflict)
                    #expect(error.details == .optedOut(.init(phone: "+15552102009", practiceNumber: "+15555550100",
                                                             source: "provider", providerCode: 21610)))
                    #expect(error.message.contains("START"))
                }
                let state = try await ConsentLedger(store: h.store).state(phone: "+15552102009", practiceNumber: "+15555550100")
                #expect(state.optedOut)
                #expect(state.latest?.source == "provider")
                #expect(state.latest?.actor == "http")
                let stored = try await h.store.messages(recipientId: "pat_1")
                #expect(stored.map(\.status) == ["refused"])
                do throws(SendError) {
                    _ = try await h.state.pipeline.send(request)
                    Issue.record("the second send succeeded")
                } catch {
                    #expect(error.code == "recipient_opted_out")
                    guard case .optedOut(let optOut)? = error.details else {
                        Issue.record("no opt-out details: \(String(describing: error.details))")
                        return
                    }
                    #expect(optOut.source == "provider")
                }
                #expect(fake.posts.count == 1)
            }
        }
    }

    @Test("over HTTP: queued (202) then sent, refused by the carrier, refused by the gate (409), START, sent again")
    func routeEndToEnd() async throws {
        let fake = FakeTwilio(optedOut: ["+15552102009"], failing: ["+15552102666"])
        try await fake.run { base in
            var config = ServerConfig()
            config.transportKind = "http"
            config.http = Self.settings(base)
            try await withServer(config: config, provider: HTTPTransport(settings: Self.settings(base), sleep: { _ in })) { h, client in
                let worker = try #require(h.state.delivery)
                let ok = try await client.makePatient(h.keys.sender, phone: "+15552102001")
                let sent = try await client.sendText(h.keys.sender, to: ok)
                #expect(sent.status == .accepted, "\(sent)")
                #expect(sent.json["status"] as? String == "queued")
                let id = try #require(sent.json["id"] as? String)
                #expect(fake.posts.isEmpty, "nothing is posted inside the request")
                #expect(try await worker.runDue() == 1)
                #expect(fake.posts.count == 1)
                let shown = try await client.call(.get, "/v1/messages/\(id)", key: h.keys.sender)
                #expect(shown.json["status"] as? String == "sent")
                let delivery = (shown.json["deliveries"] as? [[String: Any]])?.first
                #expect((delivery?["providerSid"] as? String)?.hasPrefix("SM") == true)
                #expect(delivery?["transport"] as? String == "http")

                let out = try await client.makePatient(h.keys.sender, phone: "+15552102009")
                let carrier = try await client.sendText(h.keys.sender, to: out)
                #expect(carrier.status == .accepted)
                try await worker.runDue()
                let refused = try #require(try await h.store.messages(recipientId: out).first)
                #expect(refused.status == "refused")
                #expect(try await h.store.deliveries(messageId: refused.id).first?.errorCode == 21610)
                let gate = try await client.sendText(h.keys.sender, to: out)
                #expect(gate.status == .conflict)
                #expect(gate.errorCode == "recipient_opted_out")
                #expect(gate.details["source"] as? String == "provider")
                #expect(fake.posts.count == 2)

                fake.optIn("+15552102009")
                h.clock.advance(60)
                let start = try await client.inbound(h.keys.provider, from: "+15552102009", body: "START")
                #expect(start.json["consent"] as? String == "opt-in")
                #expect(try await client.sendText(h.keys.sender, to: out).status == .accepted)
                // The START confirmation and the text both go out through the worker.
                #expect(try await worker.runDue() == 2)
                #expect(fake.posts.count == 4)

                let broken = try await client.makePatient(h.keys.sender, phone: "+15552102666")
                #expect(try await client.sendText(h.keys.sender, to: broken).status == .accepted)
                try await worker.runDue()
                #expect(try await h.store.messages(recipientId: broken).first?.status == "failed")
            }
        }
    }
}
