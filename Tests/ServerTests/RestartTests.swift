import Foundation
import HummingbirdTesting
import Hummingbird
import Server
import Testing

@Suite("Restart on the same SQLite file")
struct RestartTests {
    @Test("after a restart every patient, message, opt-out, queue, block, key and idempotent response is still there")
    func nothingLost() async throws {
        let first = try await Harness.make()
        defer { try? FileManager.default.removeItem(at: first.dir) }
        struct Before: Sendable { var patient: String; var sentText: String; var auditCount: Int }
        let before: Before
        do {
            before = try await Application(router: TextgateServer.router(state: first.state).0).test(.router) { client in
                let id = try await client.makePatient(first.keys.sender)
                #expect(try await client.call(.post, "/v1/queues", key: first.keys.sender, json: #"{"name":"front","number":"+15552103000"}"#).status == .created)
                let sent = try await client.sendText(first.keys.sender, to: id, queue: "front", idempotencyKey: "before-restart")
                #expect(sent.status == .created)
                first.clock.advance(60)
                _ = try await client.inbound(first.keys.provider, from: "+15552102001", to: "+15555550100", body: "STOP")
                _ = try await client.call(.post, "/v1/blocked-numbers", key: first.keys.admin, json: #"{"number":"+15552109999"}"#)
                _ = try await client.call(.post, "/v1/check", key: first.keys.sender, json: #"{"text":"hello"}"#)
                let audit = (try await client.call(.get, "/v1/audit", key: first.keys.admin).json["items"] as? [Any])?.count ?? 0
                return Before(patient: id, sentText: sent.text, auditCount: audit)
            }
        } catch {
            try? await first.store.close()
            throw error
        }
        try await first.store.close()

        let second = try await first.reopened()
        do {
            try await Application(router: TextgateServer.router(state: second.state).0).test(.router) { client in
                let keys = first.keys
                let patient = try await client.call(.get, "/v1/patients/\(before.patient)", key: keys.sender)
                #expect(patient.status == .ok)
                #expect(patient.json["cellPhone"] as? String == "+15552102001")
                let queues = try #require(try await client.call(.get, "/v1/queues", key: keys.sender).json["items"] as? [[String: Any]])
                #expect(queues.compactMap { $0["name"] as? String } == ["front"])
                let replay = try await client.sendText(keys.sender, to: before.patient, queue: "front", idempotencyKey: "before-restart")
                #expect(replay.text == before.sentText)
                #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
                let refused = try await client.sendText(keys.sender, to: before.patient)
                #expect(refused.errorCode == "recipient_opted_out")
                let viaQueue = try await client.sendText(keys.sender, to: before.patient, queue: "front")
                #expect(viaQueue.status == .created, "consent stays scoped to the number texted")
                let thread = try #require(try await client.call(.get, "/v1/threads/\(before.patient)", key: keys.sender).json["items"] as? [[String: Any]])
                #expect(thread.compactMap { $0["direction"] as? String } == ["outbound", "inbound", "outbound", "outbound"])
                let blocked = try await client.call(.get, "/v1/blocked-numbers", key: keys.admin)
                #expect(blocked.json["numbers"] as? [String] == ["+15552109999"])
                let outbox = try #require(try await client.call(.get, "/v1/outbox", key: keys.provider).json["items"] as? [Any])
                #expect(outbox.count == 3)
                let audit = try #require(try await client.call(.get, "/v1/audit", key: keys.admin).json["items"] as? [Any])
                #expect(audit.count == before.auditCount + 2)
                #expect(try await second.store.allConsentEvents().map(\.action) == ["opt-out"])
            }
        } catch {
            try? await second.store.close()
            throw error
        }
        try await second.store.close()
    }
}
