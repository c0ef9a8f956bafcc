import Foundation
import HTTPTypes
import HummingbirdTesting
import Server
import Testing

@Suite("secure pages: GETs change nothing, POSTs need CSRF, every page has the headers")
struct SecureRequestTests {
    @Test("opening a link twenty times consumes, locks and counts nothing, and sets no cookie")
    func getChangesNothing() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let before = try await h.store.links(messageId: c.message)
            var statuses: Set<Int> = []
            for _ in 0..<20 {
                for path in ["/s/\(c.token)", "/s/\(c.token)/forgot", "/s/\(c.token)/thread"] {
                    let r = try await client.page(path)
                    statuses.insert(Int(r.status.code))
                    #expect(r.headers[.setCookie] == nil, "\(path) set a cookie")
                }
            }
            #expect(statuses == [200, 303])
            #expect(try await h.store.links(messageId: c.message) == before)
            #expect(try await h.store.pin(recipientId: c.patient) == nil)
            let status = try await client.linkStatus(h.keys.sender, message: c.message)
            #expect(status["status"] as? String == "active")
            #expect(status["failedPins"] as? Int == 0 && status["failedIdentityChecks"] as? Int == 0)
            // After a PIN is set and two wrong tries, GETs still change nothing.
            _ = try await client.firstVisit(c.token)
            for _ in 0..<2 { #expect(try await client.signIn(c.token, pin: "90817").status == .unprocessableContent) }
            let counted = try await h.store.links(messageId: c.message)
            for _ in 0..<20 { _ = try await client.page("/s/\(c.token)") }
            #expect(try await h.store.links(messageId: c.message) == counted)
            #expect(counted.first?.failedPins == 2)
        }
    }

    @Test("every POST without the right CSRF token is refused with 403 and changes nothing")
    func postsNeedCSRF() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let other = try await client.secureCase(h, phone: "(555) 210-2002")
            let foreign = try await client.csrf(other.token)
            let identity: KeyValuePairs<String, String> = ["dob": Secure.dob, "last_name": Secure.lastName, "pin": Secure.pin, "pin_confirm": Secure.pin]
            for csrf in [nil, "", "bogus", foreign] {
                var fields = identity.map { ($0.key, $0.value) }
                if let csrf { fields.append(("csrf", csrf)) }
                let body = fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
                let r = try await client.call(.post, "/s/\(c.token)/identity", form: body)
                #expect(r.status == .forbidden, "csrf \(csrf ?? "missing"): \(r.status)")
                #expect(Secure.sessionCookie(r) == nil)
            }
            #expect(try await h.store.pin(recipientId: c.patient) == nil, "a PIN was set without CSRF")

            let cookie = try await client.firstVisit(c.token)
            let pinBefore = try await h.store.pin(recipientId: c.patient)
            for csrf in ["", "bogus", foreign] {
                let pin = try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": "90817"])
                #expect(pin.status == .forbidden)
                let right = try await client.post("/s/\(c.token)/pin", ["csrf": csrf, "pin": Secure.pin])
                #expect(right.status == .forbidden)
                #expect(Secure.sessionCookie(right) == nil)
                let reply = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "csrf reply"], cookie: cookie)
                #expect(reply.status == .forbidden)
            }
            // The pre-sign-in token is not the thread's token either.
            let preSignIn = try await client.csrf(c.token)
            #expect(try await client.post("/s/\(c.token)/reply", ["csrf": preSignIn, "body": "csrf reply"], cookie: cookie).status == .forbidden)
            let link = try #require(try await h.store.links(messageId: c.message).first)
            #expect(link.failedPins == 0 && link.failedIdentity == 0 && link.lockedAt == nil)
            #expect(try await h.store.pin(recipientId: c.patient) == pinBefore)
            let thread = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect(!thread.text.contains("csrf reply"))
            #expect(try await client.page("/s/\(c.token)/thread", cookie: cookie).status == .ok)
        }
    }

    @Test("signing out with a wrong CSRF token is refused with 403 and keeps the session")
    func logoutNeedsCSRF() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let cookie = try await client.firstVisit(c.token)
            let r = try await client.post("/s/\(c.token)/logout", ["csrf": "bogus"], cookie: cookie)
            // Nothing changes on the server: the session still works.
            #expect(try await client.page("/s/\(c.token)/thread", cookie: cookie).status == .ok)
            #expect(r.status == .forbidden)
            #expect(!Secure.words(r.text).contains("You are signed out"))
        }
    }

    @Test("every patient page and redirect carries no-store, no-referrer, a strict CSP and DENY framing")
    func securityHeadersOnEveryPage() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let expiring = try await client.secureCase(h, phone: "(555) 210-2003")
            var replies: [(String, Reply)] = []
            replies.append(("identity page", try await client.page("/s/\(c.token)")))
            replies.append(("forgot page", try await client.page("/s/\(c.token)/forgot")))
            replies.append(("unknown link", try await client.page("/s/AAAAAAAAAAAAAAAAAAAAAA")))
            replies.append(("thread without session", try await client.page("/s/\(c.token)/thread")))
            replies.append(("bad CSRF", try await client.post("/s/\(c.token)/pin", ["csrf": "x", "pin": "1"])))
            replies.append(("trivial PIN", try await client.verify(c.token, pin: "12345")))
            let signedIn = try await client.verify(c.token)
            replies.append(("signed in", signedIn))
            let cookie = try #require(Secure.sessionCookie(signedIn))
            replies.append(("thread", try await client.page("/s/\(c.token)/thread", cookie: cookie)))
            let csrf = try #require(Secure.csrf(in: replies.last!.1.text))
            replies.append(("reply", try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "Thanks"], cookie: cookie)))
            replies.append(("signed out", try await client.post("/s/\(c.token)/logout", ["csrf": csrf], cookie: cookie)))
            replies.append(("PIN page", try await client.page("/s/\(c.token)")))
            replies.append(("wrong PIN", try await client.signIn(c.token, pin: "90817")))
            _ = try await client.signIn(c.token, pin: "90817")
            replies.append(("locked", try await client.signIn(c.token, pin: "90817")))
            replies.append(("locked page", try await client.page("/s/\(c.token)")))
            _ = try await client.call(.post, "/v1/messages/\(c.message)/resend-link", key: h.keys.sender)
            replies.append(("replaced", try await client.page("/s/\(c.token)")))
            h.clock.advance(72 * 3600)
            replies.append(("expired", try await client.page("/s/\(expiring.token)")))
            replies.append(("stylesheet", try await client.page("/s/assets/style.css")))
            for (name, r) in replies {
                let csp = r.headers[.contentSecurityPolicy] ?? ""
                if name != "stylesheet" { #expect(r.headers[.cacheControl] == "no-store", "\(name)") }
                #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(name)")
                #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(name)")
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("*")
                        && !csp.contains("unsafe-inline") && !csp.contains("http"), "\(name): \(csp)")
                if r.status != .seeOther, name != "stylesheet" {
                    #expect(r.headers[.contentType]?.hasPrefix("text/html") == true, "\(name)")
                    #expect(r.text.contains("<meta name=\"viewport\""), "\(name)")
                    #expect(!r.text.contains("<script"), "\(name) uses JavaScript")
                    #expect(!r.text.contains("src=\"http") && !r.text.contains("href=\"http"), "\(name) loads an external asset")
                }
            }
            #expect(replies.map { Int($0.1.status.code) } == [200, 200, 404, 303, 403, 422, 303, 200, 303, 200, 200, 422, 403, 403, 410, 410, 200])
        }
    }
}
