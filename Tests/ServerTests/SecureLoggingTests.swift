import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import StorageSQLite
import Synchronization
import Testing

@Suite("secure pages: nothing secret reaches a log")
struct SecureLoggingTests {
    @Test("the whole flow logs no token, PIN, date of birth, name, session or message text")
    func nothingSecretIsLogged() async throws {
        let capture = SecureLogCapture()
        let h = try await Harness.make(config: Secure.config())
        let store = try await SQLiteStore.open(path: h.dbPath, logger: {
            var l = capture.logger("textgate.storage.sqlite"); l.logLevel = .info; return l
        }())
        let state = ServerState(store: store, rules: h.state.rules, config: Secure.config(), clock: { h.clock.read() })
        let app = Application(router: TextgateServer.router(state: state).0, logger: capture.logger("textgate"))
        let found = Mutex<[String]>([])
        do {
            try await app.test(.router) { client in
                let c = try await client.secureCase(h)
                let (cookie, csrf) = try await client.signedInThread(c.token)
                let reply = "My rash is worse since Tuesday"
                _ = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": reply], cookie: cookie)
                _ = try await client.post("/s/\(c.token)/logout", ["csrf": csrf], cookie: cookie)
                _ = try await client.signIn(c.token, pin: "90817")
                _ = try await client.verify(c.token, dob: "1984-03-10", pin: "61528")
                _ = try await client.verify(c.token, pin: "61528")
                _ = try await client.post("/s/\(c.token)/pin", ["csrf": "forged", "pin": "61528"])
                _ = try await client.page("/s/\(c.token)/no-such-page")
                _ = try await client.call(.post, "/s/\(c.token)/pin", form: String(repeating: "x", count: 70_000))
                for _ in 0..<3 { _ = try await client.signIn(c.token, pin: "90817") }
                _ = try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender)
                let token = try await client.newestToken(h.keys.provider, message: c.message)
                _ = try await client.page("/s/\(token)")
                h.clock.advance(72 * 3600)
                _ = try await client.page("/s/\(token)")
                found.withLock { $0 = [c.token, token, String(cookie.dropFirst("tg_session=".count)), csrf, Secure.pin, "61528", "90817",
                           Secure.dob, "1984-03-10", Secure.body, "biopsy", reply, "Diaz"] }
            }
        } catch {
            try? await store.close()
            await h.close()
            throw error
        }
        try? await store.close()
        await h.close()
        let logged = capture.text
        let secrets = found.withLock { $0 }
        #expect(secrets.count == 13)
        for secret in secrets { #expect(!logged.contains(secret), "the log holds \(secret): \(logged)") }
    }
}
