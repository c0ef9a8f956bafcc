import Foundation
import Testing

@Suite("/v1/blocked-numbers")
struct BlockedNumberTests {
    @Test("blocking adds the E.164 number once: 201, then 200; GET lists it")
    func block() async throws {
        try await withServer { h, client in
            let first = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"(555) 210-9999"}"#)
            #expect(first.status == .created)
            #expect(first.json["number"] as? String == "+15552109999")
            let again = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"+15552109999"}"#)
            #expect(again.status == .ok)
            let list = try await client.call(.get, "/v1/blocked-numbers", key: h.keys.admin)
            #expect(list.json["numbers"] as? [String] == ["+15552109999"])
        }
    }

    @Test("unblocking is 204, then 404 number_not_blocked; the path may percent-encode the plus")
    func unblock() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"+15552109999"}"#)
            #expect(try await client.call(.delete, "/v1/blocked-numbers/%2B15552109999", key: h.keys.admin).status == .noContent)
            let again = try await client.call(.delete, "/v1/blocked-numbers/+15552109999", key: h.keys.admin)
            #expect(again.status == .notFound)
            #expect(again.errorCode == "number_not_blocked")
            _ = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"+15552109999"}"#)
            #expect(try await client.call(.delete, "/v1/blocked-numbers/5552109999", key: h.keys.admin).status == .noContent)
        }
    }

    @Test("a number that is not a phone number is 400 invalid_field; a missing one 400 missing_field; extra fields 400 unknown_field")
    func invalid() async throws {
        try await withServer { h, client in
            let bad = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"spam"}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_field")
            let missing = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: "{}")
            #expect(missing.errorCode == "missing_field")
            let unknown = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"+15552109999","why":"spam"}"#)
            #expect(unknown.errorCode == "unknown_field")
            let del = try await client.call(.delete, "/v1/blocked-numbers/spam", key: h.keys.admin)
            #expect(del.status == .badRequest)
            #expect(del.errorCode == "invalid_field")
        }
    }

    @Test("blocked numbers are admin only")
    func adminOnly() async throws {
        try await withServer { h, client async throws in
            #expect(try await client.call(.get, "/v1/blocked-numbers", key: h.keys.sender).status == .forbidden)
            #expect(try await client.call(.post, "/v1/blocked-numbers", key: h.keys.sender, json: #"{"number":"+15552109999"}"#).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/blocked-numbers/+15552109999", key: h.keys.provider).status == .forbidden)
        }
    }

    @Test("a text from a blocked number is stored as blocked, reaches no queue or thread, and changes no consent")
    func inboundFromBlocked() async throws {
        try await withServer { h, client in
            #expect(try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front"}"#).status == .created)
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.sendText(h.keys.sender, to: id, queue: "front").status == .created)
            h.clock.advance(60)
            _ = try await client.call(.post, "/v1/blocked-numbers", key: h.keys.admin, json: #"{"number":"+15552102001"}"#)
            let r = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            #expect(r.status == .ok)
            #expect(r.json["blocked"] as? Bool == true)
            #expect(r.json["classification"] as? String == "blocked")
            #expect(r.json["queue"] is NSNull)
            #expect(r.json["reply"] is NSNull)
            #expect(try await h.store.allConsentEvents().isEmpty)
            #expect(try await h.store.inbound(phone: "+15552102001").first?.blocked == true)
            let queue = try #require(try await client.call(.get, "/v1/queues/front/messages", key: h.keys.sender).json["items"] as? [[String: Any]])
            #expect(queue.compactMap { $0["direction"] as? String } == ["outbound"])
            let thread = try #require(try await client.call(.get, "/v1/threads/\(id)", key: h.keys.sender).json["items"] as? [[String: Any]])
            #expect(thread.compactMap { $0["direction"] as? String } == ["outbound"])
        }
    }
}
