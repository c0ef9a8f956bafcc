import Foundation
import HummingbirdTesting
import Testing

extension TestClientProtocol {
    /// Every item of a list route, following `nextCursor` with `limit=2`; and the number of pages.
    func readAll(_ path: String, key: String) async throws -> (items: [[String: Any]], pages: Int) {
        var items: [[String: Any]] = []
        var cursor: String?
        var pages = 0
        repeat {
            let joiner = path.contains("?") ? "&" : "?"
            let r = try await call(.get, path + joiner + "limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            #expect(r.status == .ok, "\(path): \(r)")
            let page = try #require(r.json["items"] as? [[String: Any]], "\(r)")
            #expect(r.json.keys.contains("nextCursor"), "nextCursor is always present")
            items += page
            cursor = r.json["nextCursor"] as? String
            pages += 1
        } while cursor != nil && pages < 20
        return (items, pages)
    }
}


@Suite("Paged lists: GET /v1/messages, threads, queues and the audit trail")
struct ListPagingTests {
    @Test("GET /v1/messages pages oldest first and filters by recipient and status")
    func messages() async throws {
        try await withServer { h, client in
            let a = try await client.makePatient(h.keys.sender, phone: "+15552102001")
            let b = try await client.makePatient(h.keys.sender, phone: "+15552102002")
            var sent: [String] = []
            for (i, to) in [a, b, a, a].enumerated() {
                h.clock.advance(60)
                let r = try await client.sendText(h.keys.sender, to: to, body: "Reminder \(i): your visit is Tue 3pm.")
                sent.append(try #require(r.json["id"] as? String))
            }
            h.clock.advance(60)
            #expect(try await client.sendText(h.keys.sender, to: b, body: "Cheap Viagra delivered to your door").status == .unprocessableContent)

            let all = try await client.readAll("/v1/messages", key: h.keys.sender)
            #expect(all.pages == 2)
            #expect(all.items.compactMap { $0["id"] as? String } == sent, "a blocked text is audited, never a message")
            let toA = try await client.readAll("/v1/messages?recipient=\(a)", key: h.keys.sender)
            #expect(toA.items.compactMap { $0["id"] as? String } == [sent[0], sent[2], sent[3]])
            let toB = try await client.readAll("/v1/messages?recipient=\(b)&status=sent", key: h.keys.sender)
            #expect(toB.items.compactMap { $0["id"] as? String } == [sent[1]])
            #expect(try await client.readAll("/v1/messages?status=failed", key: h.keys.sender).items.isEmpty)
            let queued = try await client.readAll("/v1/messages?status=queued", key: h.keys.sender)
            #expect(queued.items.count == 4, "each sent text's delivery is queued in the outbox")
            let first = try #require(all.items.first)
            #expect((first["deliveries"] as? [[String: Any]])?.first?["transport"] as? String == "outbox")

            #expect(try await client.call(.get, "/v1/messages?status=lost", key: h.keys.sender).errorCode == "invalid_parameter")
            #expect(try await client.call(.get, "/v1/messages?since=2026-01-01T00:00:00Z", key: h.keys.sender).errorCode == "unknown_parameter")
            #expect(try await client.call(.get, "/v1/messages/msg_nothing", key: h.keys.sender).errorCode == "message_not_found")
            #expect(try await client.call(.get, "/v1/messages", key: h.keys.provider).status == .forbidden)
        }
    }

    @Test("a thread, a queue and the audit trail read page by page give what one long page gives")
    func threadQueueAudit() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: #"{"name":"front"}"#)
            let id = try await client.makePatient(h.keys.sender)
            for i in 0..<3 {
                h.clock.advance(60)
                _ = try await client.sendText(h.keys.sender, to: id, body: "Question \(i): can you come Tuesday?", queue: "front")
                h.clock.advance(60)
                _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "Answer \(i): yes")
            }
            for path in ["/v1/threads/\(id)", "/v1/queues/front/messages"] {
                let paged = try await client.readAll(path, key: h.keys.sender)
                let whole = try await client.call(.get, path + "?limit=1000", key: h.keys.sender)
                let ids = (whole.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                #expect(paged.items.compactMap { $0["id"] as? String } == ids, "\(path)")
                #expect(paged.items.count == 6, "\(path)")
                #expect(paged.pages == 3, "\(path)")
                #expect(paged.items.compactMap { $0["direction"] as? String } == ["outbound", "inbound", "outbound", "inbound", "outbound", "inbound"])
                #expect(whole.json["nextCursor"] is NSNull)
            }
            let audit = try await client.readAll("/v1/audit", key: h.keys.admin)
            #expect(audit.items.count == 3)
            let times = audit.items.compactMap { $0["at"] as? String }
            #expect(times == times.sorted(by: >), "newest first")
        }
    }

    @Test("patients and queues page by creation time; the pages add up to the whole list")
    func patientsAndQueues() async throws {
        try await withServer { h, client in
            var patients: [String] = []
            for i in 0..<5 {
                patients.append(try await client.makePatient(h.keys.sender, phone: "+1555210200\(i)"))
                if i % 2 == 0 { h.clock.advance(1) }  // some share a creation time: ties go by id
            }
            let listed = try await client.readAll("/v1/patients", key: h.keys.sender)
            #expect(Set(listed.items.compactMap { $0["id"] as? String }) == Set(patients))
            #expect(listed.items.count == 5)
            #expect(listed.pages == 3)
            #expect(try await client.readAll("/v1/contacts", key: h.keys.sender).items.isEmpty)

            for name in ["nurses", "billing", "front"] {
                _ = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: "{\"name\":\"\(name)\"}")
                h.clock.advance(1)
            }
            let queues = try await client.readAll("/v1/queues", key: h.keys.sender)
            #expect(queues.items.compactMap { $0["name"] as? String } == ["nurses", "billing", "front"], "oldest first")
            #expect(queues.pages == 2)
            #expect(try await client.call(.get, "/v1/queues?cursor=not*a*cursor", key: h.keys.sender).errorCode == "invalid_parameter")
        }
    }
}
