import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("Idempotency under concurrency")
struct IdempotencyRaceTests {
    @Test("concurrent POSTs with the same idempotencyKey send once")
    func concurrentSameKey() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.sendText(h.keys.sender, to: id, idempotencyKey: "race-1") }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            let outbox = try #require(try await client.call(.get, "/v1/outbox", key: h.keys.provider).json["items"] as? [Any])
            #expect(outbox.count == 1, "\(replies)")
            #expect(try await h.store.messages(recipientId: id).count == 1)
            let created = replies.filter { $0.status == .created }
            #expect(!created.isEmpty)
            #expect(Set(created.map(\.text)).count == 1, "every 201 is the first response")
            for r in replies where r.status != .created {
                #expect(r.status == .conflict)
                #expect(r.errorCode == "idempotency_key_in_use")
            }
        }
    }

    @Test("concurrent POSTs with different keys each send")
    func concurrentDifferentKeys() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<4 {
                    group.addTask {
                        let r = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "k\(i)")
                        #expect(r.status == .created)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await h.store.messages(recipientId: id).count == 4)
        }
    }
}

@Suite("Idempotency: the window between lookup and in-flight mark")
struct IdempotencyWindowTests {
    @Test("a request with a key still in flight is 409 idempotency_key_in_use, and the first result is replayed afterwards")
    func inFlight() async throws {
        try await withHeldServer { h, held, client in
            let id = try await client.makePatient(h.keys.sender)
            held.holdNextSave()
            async let first = client.sendText(h.keys.sender, to: id, idempotencyKey: "busy")
            await held.waitUntilHeld()
            let busy = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "busy")
            #expect(busy.status == .conflict)
            #expect(busy.errorCode == "idempotency_key_in_use")
            held.release()
            let original = try await first
            #expect(original.status == .created)
            let replay = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "busy")
            #expect(replay.text == original.text)
            #expect(try await h.store.messages(recipientId: id).count == 1)
        }
    }

    @Test("a request that arrives between the first's reservation and its send is refused, and only one text goes")
    func reservedThenRace() async throws {
        try await withHeldServer { h, held, client in
            let id = try await client.makePatient(h.keys.sender)
            held.holdNextLookup()
            async let first = client.sendText(h.keys.sender, to: id, idempotencyKey: "window")
            await held.waitUntilHeld()
            let racing = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "window")
            #expect(racing.status == .conflict)
            #expect(racing.errorCode == "idempotency_key_in_use")
            held.release()
            let original = try await first
            #expect(original.status == .created)
            #expect(try await h.store.messages(recipientId: id).count == 1)
            let replay = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "window")
            #expect(replay.text == original.text)
        }
    }
}

/// `withServer`, but over a `HeldStore` that a test can pause at a chosen save or look-up.
private func withHeldServer(_ body: @Sendable (Harness, HeldStore, any TestClientProtocol) async throws -> Void) async throws {
    let h = try await Harness.make()
    let held = HeldStore(base: h.store)
    let state = ServerState(store: held, rules: h.state.rules, config: ServerConfig(), clock: { h.clock.read() })
    do {
        try await Application(router: TextgateServer.router(state: state).0).test(.router) { client in
            try await body(h, held, client)
        }
    } catch {
        await h.close()
        throw error
    }
    await h.close()
}
