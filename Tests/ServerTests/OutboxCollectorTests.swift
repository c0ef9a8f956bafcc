import Foundation
import HTTPTypes
import HummingbirdTesting
import Messaging
import Storage
import Testing

@Suite("The outbox: collectors only, claims with leases, secrets sealed")
struct OutboxCollectorTests {
    @Test("a sender or admin key gets 403 on the outbox; a provider key reads it")
    func providerOnly() async throws {
        try await withServer { h, client in
            for key in [h.keys.sender, h.keys.admin] {
                let r = try await client.call(.get, "/v1/outbox", key: key)
                #expect(r.status == .forbidden, "\(r)")
                #expect(try await client.call(.post, "/v1/outbox/claim", key: key, json: "{}").status == .forbidden)
            }
            let ok = try await client.call(.get, "/v1/outbox", key: h.keys.provider)
            #expect(ok.status == .ok)
            #expect(ok.json["nextCursor"] is NSNull)
        }
    }

    @Test("a claimed item is not handed to a second collector until its lease runs out")
    func claims() async throws {
        try await withServer { h, client in
            let second = try await Harness.addKey(h.store, ["provider"], name: "second collector")
            let patient = try await client.makePatient(h.keys.sender)
            _ = try await client.sendText(h.keys.sender, to: patient)
            let first = try await client.call(.post, "/v1/outbox/claim", key: h.keys.provider, json: #"{"limit":5,"leaseSeconds":30}"#)
            #expect(first.status == .ok, "\(first)")
            #expect((first.json["items"] as? [Any])?.count == 1)
            let other = try await client.call(.post, "/v1/outbox/claim", key: second, json: #"{"limit":5,"leaseSeconds":30}"#)
            #expect((other.json["items"] as? [Any])?.isEmpty == true, "\(other)")
            // Nor may the second collector acknowledge it while the first holds it.
            let id = try #require(((first.json["items"] as? [[String: Any]])?.first?["id"]) as? String)
            let stolen = try await client.call(.post, "/v1/outbox/\(id)/ack", key: second)
            #expect(stolen.status == .conflict, "\(stolen)")
            #expect(stolen.errorCode == "claimed_by_another")
            h.clock.advance(31)
            let after = try await client.call(.post, "/v1/outbox/claim", key: second, json: #"{"limit":5}"#)
            #expect((after.json["items"] as? [Any])?.count == 1, "the lease ran out, so the item comes back")
            let bad = try await client.call(.post, "/v1/outbox/claim", key: second, json: #"{"leaseSeconds":7200}"#)
            #expect(bad.status == .badRequest)
        }
    }

    @Test("pages of the outbox follow nextCursor to the end")
    func paging() async throws {
        try await withServer { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            for i in 0..<5 {
                _ = try await client.sendText(h.keys.sender, to: patient, body: "Your visit \(i) is Tue 3pm.")
                h.clock.advance(1)
            }
            var seen: [String] = []
            var cursor: String? = nil
            repeat {
                let uri = "/v1/outbox?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let r = try await client.call(.get, uri, key: h.keys.provider)
                seen += (r.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = r.json["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5 && Set(seen).count == 5)
            #expect(try await client.call(.get, "/v1/outbox?cursor=nonsense!", key: h.keys.provider).status == .badRequest)
        }
    }

    @Test("a secure notification's link is never stored in plain text, and is erased on ack")
    func sealedSecret() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let stored = try #require(try await h.store.outbox(includeAcked: true).last)
            #expect(!stored.body.contains(c.token), "the token is redacted in the stored body")
            #expect(stored.body.contains(OutboxTransport.redaction))
            #expect(stored.sealedBody != nil && stored.sealedBody?.contains(c.token) == false)
            let read = try await client.outbox(h.keys.provider)
            #expect((read.last?["body"] as? String)?.contains(c.token) == true, "the collector reads the real text")
            let ack = try await client.call(.post, "/v1/outbox/\(stored.id)/ack", key: h.keys.provider)
            #expect(ack.status == .ok)
            let after = try #require(try await h.store.outbox(includeAcked: true).last)
            #expect(after.sealedBody == nil)
            #expect((try await client.outbox(h.keys.provider).last?["body"] as? String)?.contains(c.token) == false)
        }
    }

    @Test("the same idempotencyKey with another request is 422 idempotency_key_reused; a refused request frees its key")
    func idempotencyReuse() async throws {
        try await withServer { h, client in
            let one = try await client.makePatient(h.keys.sender)
            let two = try await client.makePatient(h.keys.sender, phone: "(555) 210-2002")
            let first = try await client.sendText(h.keys.sender, to: one, idempotencyKey: "k1")
            #expect(first.status == .created)
            let replay = try await client.sendText(h.keys.sender, to: one, idempotencyKey: "k1")
            #expect(replay.status == .created && replay.headers[.init("Idempotent-Replayed")!] == "true")
            let other = try await client.sendText(h.keys.sender, to: two, idempotencyKey: "k1")
            #expect(other.status == .unprocessableContent, "\(other)")
            #expect(other.errorCode == "idempotency_key_reused")
            #expect(!other.text.contains(one), "the first recipient is not named")
            // Refused before it ran (too long): not saved, so the corrected retry sends.
            let long = try await client.sendText(h.keys.sender, to: two, body: String(repeating: "Please call us. ", count: 110),
                                                 idempotencyKey: "k2")
            #expect(long.errorCode == "message_too_long")
            let fixed = try await client.sendText(h.keys.sender, to: two, idempotencyKey: "k2")
            #expect(fixed.status == .created, "\(fixed)")
            #expect(try await h.store.outbox(includeAcked: true).count == 2)
        }
    }
}
