import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import SecureLinks
import Server
import Storage
import Synchronization
import Testing

@Suite("secure pages: first visit, PINs and the lock")
struct SecurePINTests {
    @Test("trivial PINs, PINs of the wrong length and mismatched PINs are refused without counting an attempt")
    func trivialPINsRefused() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            for pin in ["00000", "12345", "54321", "11111", "99999", "90123", "1234", "482731", "4827a", ""] {
                let r = try await client.verify(c.token, pin: pin)
                #expect(r.status == .unprocessableContent, "\(pin): \(r.status)")
                #expect(Secure.sessionCookie(r) == nil)
                #expect(r.text.contains("role=\"alert\""), "\(pin): no explanation")
                #expect(!Secure.words(r.text).contains("do not match"), "\(pin): identity was judged")
            }
            let mismatch = try await client.verify(c.token, pin: Secure.pin, confirm: "48274")
            #expect(mismatch.status == .unprocessableContent)
            #expect(Secure.words(mismatch.text).contains("not the same"))
            // A trivial PIN with a wrong date of birth still counts nothing.
            #expect(try await client.verify(c.token, dob: "1999-01-01", pin: "12345").status == .unprocessableContent)
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedIdentity == 0 && link.failedPins == 0 && link.lockedAt == nil)
            #expect(try await h.store.pin(recipientId: c.patient) == nil)
            #expect(try await client.verify(c.token).status == .seeOther)
        }
    }

    @Test("the PIN length is configurable")
    func pinLengthIsConfigurable() async throws {
        try await withServer(config: Secure.config(pinLength: 6)) { h, client in
            let c = try await client.secureCase(h)
            #expect(try await client.page("/s/\(c.token)").text.contains("6-digit PIN"))
            #expect(try await client.verify(c.token, pin: "48273").status == .unprocessableContent)
            #expect(try await client.verify(c.token, pin: "123456").status == .unprocessableContent)
            #expect(try await client.verify(c.token, pin: "482731").status == .seeOther)
        }
    }

    @Test("the first visit signs in with an HttpOnly, SameSite=Strict cookie scoped to the link")
    func firstVisitSignsIn() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let page = try await client.page("/s/\(c.token)")
            #expect(Secure.words(page.text).contains("confirm who you are"))
            let r = try await client.verify(c.token, lastName: "  díaz ")
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/s/\(c.token)/thread")
            let setCookie = try #require(r.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/s/\(c.token)"))
            #expect(setCookie.contains("Max-Age=900"))
            let cookie = try #require(Secure.sessionCookie(r))
            let thread = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(thread.status == .ok)
            #expect(thread.text.contains(Secure.body))
            #expect(try await client.page("/s/\(c.token)", cookie: cookie).status == .seeOther)
        }
    }

    @Test("the PIN is stored as a salted scrypt hash keyed with the server's secret, never as the PIN")
    func pinStoredAsSaltedScryptHash() async throws {
        let h = try await Harness.make(config: Secure.config())
        let key = SymmetricKey(size: .bits256)
        let state = ServerState(store: h.store, rules: h.state.rules, config: Secure.config(), secretKey: key, clock: { h.clock.read() })
        let app = Application(router: TextgateServer.router(state: state).0)
        try await app.test(.router) { client in
            let one = try await client.secureCase(h)
            let two = try await client.secureCase(h, phone: "(555) 210-2002")
            _ = try await client.firstVisit(one.token)
            _ = try await client.firstVisit(two.token)
            let a = try #require(try await h.store.pin(recipientId: one.patient))
            let b = try #require(try await h.store.pin(recipientId: two.patient))
            let stored = try #require(PINHash(encoded: a.hash))
            #expect(a.hash.hasPrefix("scrypt$N=1024,r=8,p=1,k=0$") && stored.hex.count == 64 && a.salt.count == 32, "\(a)")
            #expect(a.salt != b.salt && a.hash != b.hash, "the same PIN gave the same hash: no salt")
            #expect(!a.hash.contains(Secure.pin) && !a.salt.contains(Secure.pin))
            let sha = SHA256.hash(data: Data(Secure.pin.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(a.hash != sha)
            let salt = Secrets.bytes(hex: a.salt)
            #expect(try PINHash.make(Secure.pin, salt: salt, key: key, keyId: "0", rounds: 1 << 10).encoded == a.hash)
            #expect(try PINHash.make(Secure.pin, salt: salt, key: SymmetricKey(size: .bits256), rounds: 1 << 10).encoded != a.hash,
                    "the hash does not depend on the server key")
            #expect(try PINHash.make(Secure.pin, salt: salt, key: key, rounds: 1 << 11).hex != stored.hex)
        }
        await h.close()
    }

    @Test("a PIN hashed at an older cost still signs in, and is rehashed at the current cost")
    func pinRehashedAtNewCost() async throws {
        let h = try await Harness.make(config: Secure.config())
        let key = SymmetricKey(size: .bits256)
        let old = ServerState(store: h.store, rules: h.state.rules, config: Secure.config(), secretKey: key, clock: { h.clock.read() })
        var raised = Secure.config()
        raised.securePolicy.scryptRounds = 1 << 11
        let new = ServerState(store: h.store, rules: h.state.rules, config: raised, secretKey: key, clock: { h.clock.read() })
        let made = Mutex((token: "", patient: ""))
        try await Application(router: TextgateServer.router(state: old).0).test(.router) { client in
            let c = try await client.secureCase(h)
            made.withLock { $0 = (c.token, c.patient) }
            _ = try await client.firstVisit(c.token)
        }
        let (token, patient) = made.withLock { $0 }
        #expect(try await h.store.pin(recipientId: patient)?.hash.hasPrefix("scrypt$N=1024,") == true)
        try await Application(router: TextgateServer.router(state: new).0).test(.router) { client in
            let r = try await client.signIn(token, pin: Secure.pin)
            #expect(r.status == .seeOther, "\(r.status)")
        }
        let after = try #require(try await h.store.pin(recipientId: patient))
        #expect(after.hash.hasPrefix("scrypt$N=2048,r=8,p=1,k=0$"), "\(after.hash)")
        #expect(try PINHash(encoded: after.hash)!.verifies(Secure.pin, salt: Secrets.bytes(hex: after.salt), key: key))
        await h.close()
    }

    @Test("a PIN stored as bare hex (before parameters were recorded) reads as scrypt N=16384")
    func legacyHashReads() throws {
        let hex = String(repeating: "ab", count: 32)
        #expect(PINHash(encoded: hex) == PINHash(rounds: 1 << 14, blockSize: 8, parallelism: 1, hex: hex))
        #expect(PINHash(encoded: "md5$x") == nil)
        #expect(PINHash(encoded: "scrypt$N=1024,r=8,p=1$" + hex)?.rounds == 1024)
    }

    @Test("three wrong PINs lock the link; the page says so and what to do; staff see the lock")
    func lockAfterThreeWrongPINs() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            let first = try await client.signIn(c.token, pin: "90817")
            #expect(first.status == .unprocessableContent)
            #expect(Secure.words(first.text).contains("2 tries left"))
            let second = try await client.signIn(c.token, pin: "90817")
            #expect(Secure.words(second.text).contains("1 try left"))
            let third = try await client.signIn(c.token, pin: "90817")
            #expect(third.status == .forbidden)
            let words = Secure.words(third.text)
            #expect(words.contains("This link is locked"))
            #expect(words.contains("call (201) 555-0100 and ask the practice to send you a new link"))
            let page = try await client.page("/s/\(c.token)")
            #expect(page.status == .forbidden)
            #expect(Secure.words(page.text).contains("This link is locked"))
            // The right PIN no longer works, and counts nothing more.
            let right = try await client.post("/s/\(c.token)/pin", ["csrf": try #require(Secure.csrf(in: first.text)), "pin": Secure.pin])
            #expect(right.status == .forbidden)
            #expect(Secure.sessionCookie(right) == nil)
            let status = try await client.linkStatus(h.keys.sender, message: c.message)
            #expect(status["status"] as? String == "locked")
            #expect(status["lockReason"] as? String == "pin")
            #expect(status["failedPins"] as? Int == 3)
            #expect(status["lockedAt"] as? String != nil)
        }
    }

    @Test("a right PIN resets the count of wrong ones")
    func rightPINResetsCount() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            for _ in 0..<2 { _ = try await client.signIn(c.token, pin: "90817") }
            #expect(try await client.signIn(c.token).status == .seeOther)
            #expect(try await client.linkStatus(h.keys.sender, message: c.message)["failedPins"] as? Int == 0)
            for _ in 0..<2 { #expect(try await client.signIn(c.token, pin: "90817").status == .unprocessableContent) }
            #expect(try await client.signIn(c.token).status == .seeOther)
        }
    }

    @Test("a re-sent link unlocks a locked patient with the same PIN")
    func resendUnlocks() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            _ = try await client.firstVisit(c.token)
            for _ in 0..<3 { _ = try await client.signIn(c.token, pin: "90817") }
            #expect(try await client.page("/s/\(c.token)").status == .forbidden)
            let resent = try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender)
            #expect(resent.status == .created)
            let token = try await client.newestToken(h.keys.provider, message: c.message)
            let status = try await client.linkStatus(h.keys.sender, message: c.message)
            #expect(status["status"] as? String == "active" && status["failedPins"] as? Int == 0)
            #expect(Secure.words(try await client.page("/s/\(c.token)").text).contains("newer link"))
            let signIn = try await client.signIn(token)
            #expect(signIn.status == .seeOther)
            #expect(try await client.page("/s/\(token)/thread", cookie: Secure.sessionCookie(signIn)).status == .ok)
        }
    }
}

@Suite("PIN hashing never weakens")
struct PINHashFailureTests {
    @Test("scrypt refusing its parameters is an error, not a weaker hash")
    func failureIsAnError() {
        // scrypt's N must be a power of two: 1,000 makes it fail.
        #expect(throws: SecureLinkError.self) {
            try PINHash.make("13579", salt: Secrets.salt(), key: SymmetricKey(size: .bits256), rounds: 1_000)
        }
    }
}
