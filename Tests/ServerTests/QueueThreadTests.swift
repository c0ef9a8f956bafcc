import Foundation
import Testing

@Suite("/v1/queues and /v1/threads")
struct QueueThreadTests {
    @Test("a queue is created with its number in E.164 and listed")
    func createAndList() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front-desk","number":"(555) 210-3000"}"#)
            #expect(r.status == .created, "\(r)")
            #expect(r.json["number"] as? String == "+15552103000")
            #expect(try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"nurses"}"#).status == .created)
            let list = try #require(try await client.call(.get, "/v1/queues", key: h.keys.sender).json["items"] as? [[String: Any]])
            #expect(list.compactMap { $0["name"] as? String } == ["front-desk", "nurses"])
        }
    }

    @Test("a taken name or number is 409 queue_exists")
    func duplicate() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front","number":"+15552103000"}"#)
            let name = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front"}"#)
            #expect(name.status == .conflict)
            #expect(name.errorCode == "queue_exists")
            let number = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"other","number":"555-210-3000"}"#)
            #expect(number.status == .conflict)
            #expect(number.errorCode == "queue_exists")
        }
    }

    @Test("a bad queue name or number is 400 invalid_field; no name is 400 missing_field")
    func invalid() async throws {
        try await withServer { h, client in
            for body in [#"{"name":"front desk"}"#, #"{"name":""}"#, #"{"name":"a","number":"xyz"}"#] {
                let r = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: body)
                #expect(r.status == .badRequest, "\(body)")
                #expect(r.errorCode == "invalid_field", "\(body)")
            }
            #expect(try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"number":"+15552103000"}"#).errorCode == "missing_field")
            #expect(try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"a","owner":"b"}"#).errorCode == "unknown_field")
        }
    }

    @Test("a reply to a message sent with a queue lands in that queue, after the message")
    func replyLandsInQueue() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front-desk"}"#)
            let id = try await client.makePatient(h.keys.sender)
            #expect(try await client.sendText(h.keys.sender, to: id, body: "Can you come in Tuesday?", queue: "front-desk").status == .created)
            h.clock.advance(30)
            let reply = try await client.inbound(h.keys.provider, from: "+15552102001", body: "Yes I can come Tuesday")
            #expect(reply.json["queue"] as? String == "front-desk")
            let q = try await client.call(.get, "/v1/queues/front-desk/messages", key: h.keys.sender)
            #expect(q.status == .ok)
            let messages = try #require(q.json["items"] as? [[String: Any]])
            #expect(messages.compactMap { $0["direction"] as? String } == ["outbound", "inbound"])
            #expect(messages.last?["body"] as? String == "Yes I can come Tuesday")
        }
    }

    @Test("a text to a queue's own number lands in it without an earlier message")
    func numberRoutes() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"billing","number":"+15552103000"}"#)
            let r = try await client.inbound(h.keys.provider, from: "+15552109876", to: "+15552103000", body: "Question about my bill")
            #expect(r.json["queue"] as? String == "billing")
            #expect(r.json["recipient"] is NSNull)
        }
    }

    @Test("an unknown queue is 404 queue_not_found")
    func unknownQueue() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/queues/nowhere/messages", key: h.keys.sender)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "queue_not_found")
        }
    }

    @Test("a thread shows outbound and inbound in order, with STOP, START and the confirmations")
    func threadOrder() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.sendText(h.keys.sender, to: id, body: "Your visit is Tue 3pm.")
            h.clock.advance(60)
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            h.clock.advance(60)
            #expect(try await client.sendText(h.keys.sender, to: id, body: "Refused one").errorCode == "recipient_opted_out")
            h.clock.advance(60)
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "START")
            h.clock.advance(60)
            _ = try await client.sendText(h.keys.sender, to: id, body: "Welcome back.")
            let r = try await client.call(.get, "/v1/threads/\(id)", key: h.keys.sender)
            #expect(r.status == .ok)
            let messages = try #require(r.json["items"] as? [[String: Any]])
            let summary = messages.map { "\($0["direction"] as? String ?? "?"):\($0["body"] as? String ?? "?")" }
            #expect(summary.count == 6, "\(summary)")
            guard summary.count == 6 else { return }
            #expect(summary[0] == "outbound:Your visit is Tue 3pm.")
            #expect(summary[1] == "inbound:STOP")
            #expect(summary[2].hasPrefix("outbound:") && summary[2].contains("unsubscribed"))
            #expect(summary[3] == "inbound:START")
            #expect(summary[4].hasPrefix("outbound:") && summary[4].contains("subscribed to texts again"))
            #expect(summary[5] == "outbound:Welcome back.")
            #expect(messages[1]["classification"] as? String == "opt-out")
            #expect(messages[3]["classification"] as? String == "opt-in")
        }
    }

    @Test("a thread of an unknown recipient is 404 recipient_not_found")
    func unknownThread() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/threads/pat_nobody", key: h.keys.sender)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "recipient_not_found")
        }
    }
}
