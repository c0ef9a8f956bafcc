import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing

@Suite("API keys cached across instances")
struct KeyCacheTests {
    @Test("a key revoked on one server stops working on another on the same store within a second, and not before its cache says so")
    func revokedElsewhereWithinASecond() async throws {
        try await withTwoInstances(revokeOnOne)
    }

    /// Runs `body` with a server and a second one on the same database and clock (another
    /// instance), closing both however it ends.
    private func withTwoInstances(_ body: (Harness, Harness) async throws -> Void) async throws {
        let h = try await Harness.make()
        let other = try await h.reopened()
        do { try await body(h, other) } catch {
            try? await other.store.close()
            await h.close()
            throw error
        }
        try await other.store.close()
        await h.close()
    }

    private func revokeOnOne(_ h: Harness, seenBy other: Harness) async throws {
        let id = try #require(try await h.store.key(hash: Auth.hash(h.keys.sender))).id
        try await Application(router: TextgateServer.router(state: other.state).0).test(.router) { client in
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.sender).status == .ok)
            #expect(try await h.state.revokeKey(id: id, at: h.clock.read()))
            // Within the bound the other instance may still trust what it read...
            h.clock.advance(0.5)
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.sender).status == .ok)
            // ...and past it, it reads the store again and refuses.
            h.clock.advance(0.6)
            let r = try await client.call(.get, "/v1/rules", key: h.keys.sender)
            #expect(r.status == .unauthorized, "\(r)")
            #expect(r.errorCode == "invalid_api_key")
        }
    }

    @Test("past half its bound a key is read again in the background: requests keep using it meanwhile, and a revocation elsewhere is seen before the bound")
    func readAgainInBackground() async throws {
        try await withTwoInstances { h, other in
            let id = try #require(try await h.store.key(hash: Auth.hash(h.keys.sender))).id
            try await Application(router: TextgateServer.router(state: other.state).0).test(.router) { client in
                #expect(try await client.call(.get, "/v1/rules", key: h.keys.sender).status == .ok)
                #expect(try await h.state.revokeKey(id: id, at: h.clock.read()))
                // Past half the bound: answered from the cache, without waiting for the store...
                h.clock.advance(0.6)
                var status = try await client.call(.get, "/v1/rules", key: h.keys.sender).status
                #expect(status == .ok)
                // ...which is read meanwhile: with the clock still short of the bound, the
                // revocation is seen once that read is done.
                let start = ContinuousClock.now
                while status == .ok, ContinuousClock.now - start < .seconds(5) {
                    try await Task.sleep(for: .milliseconds(20))
                    status = try await client.call(.get, "/v1/rules", key: h.keys.sender).status
                }
                #expect(status == .unauthorized)
            }
        }
    }

    @Test("a key revoked through a server is refused by that server at once, though it was just used")
    func revokedHereAtOnce() async throws {
        try await withServer { h, client in
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.admin).status == .ok)
            let id = try #require(try await h.store.key(hash: Auth.hash(h.keys.admin))).id
            #expect(try await h.state.revokeKey(id: id, at: h.clock.read()))
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.admin).status == .unauthorized)
            // The other keys keep working from the cache and the store.
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.sender).status == .ok)
        }
    }

    @Test("a key created after a failed attempt works at once: unknown keys are not cached")
    func unknownNotCached() async throws {
        try await withServer { h, client in
            let key = Auth.newKey()
            #expect(try await client.call(.get, "/v1/rules", key: key).status == .unauthorized)
            try await h.store.insertKey(StoredKey(id: Identifier.make("key"), name: "late", roles: ["sender"],
                                                  hash: Auth.hash(key), createdAt: h.clock.read()))
            #expect(try await client.call(.get, "/v1/rules", key: key).status == .ok)
        }
    }
}
