import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import Server
import Storage
import Testing

@Suite("Broadcast routes")
struct BroadcastRouteTests {
    /// Fast pacing, so the scheduler's real waits are short.
    static var config: ServerConfig {
        var c = ServerConfig()
        c.schedule.messagesPerSecond = 1000
        return c
    }

    static func create(_ client: any TestClientProtocol, _ key: String, template: String, recipients: String,
                       extra: String = "", idempotencyKey: String = UUID().uuidString) async throws -> Reply {
        try await client.call(.post, "/v1/broadcasts", key: key,
                              json: "{\"template\":\(template),\"recipients\":\(recipients)\(extra),\"idempotencyKey\":\"\(idempotencyKey)\"}")
    }

    @Test("a broadcast answers 202, goes to each recipient once in their language, and reports counts and skips")
    func endToEnd() async throws {
        try await withServer(config: Self.config) { h, client in
            let key = h.keys.sender
            let ana = try await client.makePatient(key, phone: "(555) 210-2001")
            let luis = try await client.makePatient(key, phone: "(555) 210-2002")
            #expect(try await client.call(.patch, "/v1/patients/\(luis)", key: key, json: #"{"language":"es","firstName":"Luis"}"#).status == .ok)
            let gone = try await client.makePatient(key, phone: "(555) 210-2003")
            #expect(try await client.inbound(h.keys.provider, from: "+15552102003", body: "STOP").status == .ok)
            let template = #"{"en":"{{practice.name}}: Hi {{firstName}}, flu shots are in. Reply STOP to opt out.","es":"{{practice.name}}: Hola {{firstName}}, ya hay vacunas. Responda ALTO para no recibir mas."}"#
            let created = try await Self.create(client, key, template: template, recipients: "[\"\(ana)\",\"\(luis)\",\"\(gone)\",\"\(ana)\"]",
                                                idempotencyKey: "flu-1")
            #expect(created.status == .accepted, "\(created)")
            #expect(created.json["recipients"] as? Int == 3, "a repeated id counts once")
            let id = try #require(created.json["id"] as? String)
            let replay = try await Self.create(client, key, template: template, recipients: "[\"\(ana)\",\"\(luis)\",\"\(gone)\",\"\(ana)\"]",
                                               idempotencyKey: "flu-1")
            #expect(replay.json["id"] as? String == id && replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")

            try await h.state.scheduler.runDue()
            let outbox = try await h.store.outbox(includeAcked: true).filter { $0.body.contains("vacunas") || $0.body.contains("flu shots") }
            #expect(outbox.count == 2)
            #expect(outbox.contains { $0.to == "+15552102001" && $0.body.contains("Hi Ana, flu shots") })
            #expect(outbox.contains { $0.to == "+15552102002" && $0.body.contains("Hola Luis, ya hay vacunas") })

            let status = try await client.call(.get, "/v1/broadcasts/\(id)", key: key)
            #expect(status.status == .ok, "\(status)")
            #expect(status.json["status"] as? String == "done")
            let counts = try #require(status.json["counts"] as? [String: Int])
            #expect(counts == ["sent": 2, "skipped": 1, "failed": 0, "pending": 0])
            let skipped = try #require((status.json["skipped"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(skipped.count == 1)
            #expect(skipped.first?["recipient"] as? String == gone)
            #expect(skipped.first?["reason"] as? String == "recipient_opted_out")
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"textgate_scheduled_sends_total{reason="none",source="broadcast",state="sent"} 2"#), "\(metrics)")
            #expect(metrics.contains(#"textgate_scheduled_sends_total{reason="recipient_opted_out",source="broadcast",state="skipped"} 1"#))

            try await h.state.scheduler.runDue()
            #expect(try await h.store.outbox(includeAcked: true).count == outbox.count + 1, "nobody twice (the +1 is the STOP confirmation)")
            #expect(try await client.call(.post, "/v1/broadcasts/\(id)/cancel", key: key).errorCode == "broadcast_finished")
        }
    }

    @Test("a template the rules block answers 422 with the findings and stores and sends nothing")
    func blockedTemplate() async throws {
        try await withServer(config: Self.config) { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let r = try await Self.create(client, h.keys.sender, template: #""Hi {{firstName}}, win big at bit.ly/promo""#,
                                          recipients: "[\"\(ana)\"]")
            #expect(r.status == .unprocessableContent, "\(r)")
            #expect(r.errorCode == "template_blocked")
            let templates = try #require(r.details["templates"] as? [[String: Any]])
            let rules = (templates.first?["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
            #expect(!rules.isEmpty)
            try await h.state.scheduler.runDue()
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
        }
    }

    @Test("a secure broadcast is not blocked by carrier rules: its text stays on the server and only the notification is texted")
    func secureBroadcast() async throws {
        try await withServer(config: Self.config) { h, client in
            _ = try await client.makePatient(h.keys.sender)
            let r = try await Self.create(client, h.keys.sender, template: #""Hi {{firstName}}, your cannabis screening result is negative.""#,
                                          recipients: #"{"allPatients":true}"#, extra: #","kind":"secure""#)
            #expect(r.status == .accepted, "\(r)")
            try await h.state.scheduler.runDue()
            let texts = try await h.store.outbox(includeAcked: true).map(\.body)
            #expect(texts.count == 1)
            #expect(texts.allSatisfy { !$0.contains("cannabis") }, "the body never leaves the server")
        }
    }

    @Test("a scheduled broadcast waits, can be cancelled, and then sends nothing")
    func scheduleAndCancel() async throws {
        try await withServer(config: Self.config) { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let later = APITimeText.string(h.clock.read().addingTimeInterval(3600))
            let r = try await Self.create(client, h.keys.sender, template: #""Hi {{firstName}}, the office is closed Monday. Reply STOP to opt out.""#,
                                          recipients: #"{"allPatients":true}"#, extra: ",\"scheduledAt\":\"\(later)\"")
            #expect(r.status == .accepted, "\(r)")
            #expect(r.json["status"] as? String == "scheduled")
            let id = try #require(r.json["id"] as? String)
            try await h.state.scheduler.runDue()
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
            let cancelled = try await client.call(.post, "/v1/broadcasts/\(id)/cancel", key: h.keys.sender)
            #expect(cancelled.json["status"] as? String == "cancelled", "\(cancelled)")
            #expect((cancelled.json["counts"] as? [String: Int])?["skipped"] == 1)
            #expect(try await client.call(.post, "/v1/broadcasts/\(id)/cancel", key: h.keys.sender).errorCode == "already_cancelled")
            h.clock.advance(7200)
            try await h.state.scheduler.runDue()
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
            _ = ana
        }
    }

    @Test("bad requests say what is wrong: a queue as recipients, unknown ids, a bad language, no recipients")
    func refusals() async throws {
        try await withServer(config: Self.config) { h, client in
            let key = h.keys.sender
            let queue = try await Self.create(client, key, template: #""Hi""#, recipients: #"{"queue":"front"}"#)
            #expect(queue.status == .badRequest && queue.message.contains("queues have no members"), "\(queue)")
            let unknown = try await Self.create(client, key, template: #""Hi {{firstName}}. Reply STOP to opt out.""#, recipients: #"["pat_nobody"]"#)
            #expect(unknown.status == .notFound && unknown.errorCode == "recipient_not_found")
            #expect(unknown.details["missing"] as? [String] == ["pat_nobody"])
            let language = try await Self.create(client, key, template: #"{"english!":"Hi"}"#, recipients: #"["pat_x"]"#)
            #expect(language.errorCode == "invalid_field", "\(language)")
            let none = try await Self.create(client, key, template: #""Hi {{firstName}}. Reply STOP to opt out.""#, recipients: #"{"allPatients":true}"#)
            #expect(none.errorCode == "no_recipients", "\(none)")
            let mustache = try await Self.create(client, key, template: #""Hi {{#firstName}""#, recipients: #"{"allPatients":true}"#)
            #expect(mustache.errorCode == "template_invalid", "\(mustache)")
            #expect(try await client.call(.get, "/v1/broadcasts/brd_none", key: key).errorCode == "broadcast_not_found")
        }
    }
}

/// RFC 3339 as the API writes it.
enum APITimeText {
    static func string(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }
}
