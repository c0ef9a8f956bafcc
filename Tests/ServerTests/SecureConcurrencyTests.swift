import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("secure pages: attempt counters under concurrent requests")
struct SecureConcurrencyTests {
    @Test("ten wrong PINs at once count at most three and lock the link; no fourth try")
    func concurrentWrongPINs() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            let csrf = try await client.csrf(c.token)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<10 {
                    group.addTask { Int(try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": String(90810 + i)]).status.code) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 422 }.count <= 2, "\(statuses)")
            #expect(statuses.filter { $0 == 403 }.count >= 8, "\(statuses)")
            #expect(!statuses.contains(303), "\(statuses)")
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedPins == 3)
            #expect(link.lockedAt != nil && link.lockReason == "pin")
            #expect(try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": Secure.pin]).status == .forbidden)
        }
    }

    @Test("ten failed identity checks at once count at most three and lock the link")
    func concurrentWrongIdentity() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let csrf = try await client.csrf(c.token)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        Int(try await client.post("/s/\(c.token)/identity", ["csrf": csrf, "dob": "1990-01-1\(i)", "last_name": "Diaz",
                                                                              "pin": Secure.pin, "pin_confirm": Secure.pin]).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 422 }.count <= 2, "\(statuses)")
            #expect(!statuses.contains(303))
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedIdentity == 3 && link.lockReason == "identity")
            #expect(try await h.store.pin(recipientId: c.patient) == nil)
        }
    }

    /// Runs `body` on a server whose store can hold a read mid-request.
    static func withGate(_ body: @Sendable (Harness, SecureGateStore, any TestClientProtocol) async throws -> Void) async throws {
        try await Harness.make(config: Secure.config()).closing { h in
            let gate = SecureGateStore(base: h.store)
            let state = ServerState(store: gate, rules: h.state.rules, config: Secure.config(), clock: { h.clock.read() })
            try await Application(router: TextgateServer.router(state: state).0).test(.router) { client in try await body(h, gate, client) }
        }
    }

    @Test("a PIN still being judged when the third wrong PIN locks the link does not sign in (no fourth try)")
    func pinJudgedAfterLockDoesNotSignIn() async throws {
        try await Self.withGate { h, gate, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            let csrf = try await client.csrf(c.token)
            // Hold the fourth request's PIN read: the route's state check, the service's state check, then the stored PIN.
            gate.holdPinRead(3)
            async let fourth = client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": Secure.pin])
            let held = await gate.waitUntilHeld(timeout: 10)
            #expect(held, "the PIN read was not reached")
            for i in 0..<3 { _ = try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": String(90810 + i)]) }
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedPins == 3 && link.lockedAt != nil)
            gate.release()
            let r = try await fourth
            #expect(r.status == .forbidden, "a fourth guess was judged after the link locked: \(r.status)")
            #expect(Secure.sessionCookie(r) == nil, "the fourth guess signed in on a locked link")
        }
    }

    @Test("an identity check still being judged when the third failure locks the link does not sign in")
    func identityJudgedAfterLockDoesNotSignIn() async throws {
        try await Self.withGate { h, gate, client in
            let c = try await client.secureCase(h)
            let csrf = try await client.csrf(c.token)
            gate.holdNextRecipientRead()
            async let fourth = client.post("/s/\(c.token)/identity", ["csrf": csrf, "dob": Secure.dob, "last_name": Secure.lastName,
                                                                       "pin": Secure.pin, "pin_confirm": Secure.pin])
            let held = await gate.waitUntilHeld(timeout: 10)
            #expect(held, "the patient read was not reached")
            for _ in 0..<3 { _ = try await client.verify(c.token, lastName: "Smith") }
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedIdentity == 3 && link.lockedAt != nil)
            gate.release()
            let r = try await fourth
            let pin = try await h.store.pin(recipientId: c.patient)
            #expect(r.status == .forbidden, "a fourth identity check was judged after the link locked: \(r.status)")
            #expect(Secure.sessionCookie(r) == nil)
            #expect(pin == nil, "a PIN was set on a locked link")
        }
    }
}
