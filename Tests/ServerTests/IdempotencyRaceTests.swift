import Foundation
import Hummingbird
import HummingbirdTesting
import Messaging
import Server
import Synchronization
import Testing

@Suite("Idempotency under concurrency")
struct IdempotencyRaceTests {
    @Test("concurrent POSTs with the same idempotencyKey send once, and every caller gets the message sent")
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
            // Through the outbox the key is claimed with the send: the losers' sends are not
            // written, and they answer with the winner's message.
            #expect(replies.allSatisfy { $0.status == .created }, "\(replies)")
            #expect(Set(replies.map(\.text)).count == 1, "every answer is the first response")
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

@Suite("Idempotency: the windows in which a second request with the same key arrives")
struct IdempotencyWindowTests {
    @Test("through the outbox, a request that arrives while the first's send is being written is written first, and the first then answers with its message: one text")
    func claimedWhileHeld() async throws {
        try await withHeldServer { h, held, client in
            let id = try await client.makePatient(h.keys.sender)
            held.holdNextSave()
            async let first = client.sendText(h.keys.sender, to: id, idempotencyKey: "busy")
            await held.waitUntilHeld()
            let second = try await client.sendText(h.keys.sender, to: id, idempotencyKey: "busy")
            #expect(second.status == .created)
            held.release()
            let original = try await first
            #expect(original.status == .created)
            #expect(original.text == second.text, "both callers get the message that was sent")
            #expect(original.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try await h.store.messages(recipientId: id).count == 1)
            #expect(try await h.store.outbox(includeAcked: true).count == 1)
        }
    }

    @Test("a transport that sends at once: a request with a key still in flight is 409 idempotency_key_in_use, and the first result is replayed afterwards")
    func inFlight() async throws {
        try await withHeldServer(transport: DirectTransport()) { h, held, client in
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

    @Test("a transport that sends at once: a request that arrives between the first's reservation and its send is refused, and only one text goes")
    func reservedThenRace() async throws {
        let transport = DirectTransport()
        try await withHeldServer(transport: transport) { h, held, client in
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
        #expect(transport.count == 1)
    }
}

/// A transport that hands each text over at once (as a provider's API would), counting them.
final class DirectTransport: Transport {
    let name = "direct"
    private let handed = Mutex(0)
    var count: Int { handed.withLock { $0 } }

    func deliver(_ delivery: Delivery) async throws(TransportError) -> String {
        handed.withLock { $0 += 1 }
        return "direct_\(UUID().uuidString)"
    }
}

/// `withServer`, but over a `HeldStore` that a test can pause at a chosen save or look-up, and
/// with `transport` instead of the outbox when given.
private func withHeldServer(transport: (any Transport)? = nil,
                            _ body: @Sendable (Harness, HeldStore, any TestClientProtocol) async throws -> Void) async throws {
    try await Harness.make().closing { h in
        let held = HeldStore(base: h.store)
        let state = ServerState(store: held, rules: h.state.rules, config: ServerConfig(), transport: transport, clock: { h.clock.read() })
        try await Application(router: TextgateServer.router(state: state).0).test(.router) { client in
            try await body(h, held, client)
        }
    }
}
