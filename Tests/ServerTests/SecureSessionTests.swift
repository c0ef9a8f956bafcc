import Foundation
import HummingbirdTesting
import Server
import Testing

@Suite("secure pages: the thread, replies and sessions")
struct SecureSessionTests {
    @Test("the signed-in patient reads the message and replies; the reply lands in the thread and the queue")
    func replyLandsInThreadAndQueue() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let queue = try await client.call(.post, "/v1/queues", key: h.keys.sender, json: "{\"name\":\"nurse-line\"}")
            #expect(queue.status == .created, "\(queue)")
            let c = try await client.secureCase(h, queue: "nurse-line")
            let cookie = try await client.firstVisit(c.token)
            let thread = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(thread.status == .ok)
            #expect(thread.text.contains(Secure.body))
            #expect(thread.text.contains("Riverside Family Medicine"))
            let csrf = try #require(Secure.csrf(in: thread.text))
            let reply = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "Thank you & see you <then>!"], cookie: cookie)
            #expect(reply.status == .seeOther)
            #expect(reply.headers[.location] == "/s/\(c.token)/thread")
            let after = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(after.text.contains("Thank you &amp; see you &lt;then&gt;!"), "the reply is shown, escaped")
            #expect(!after.text.contains("<then>"))

            let staff = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            let entries = staff.json["items"] as? [[String: Any]] ?? []
            let inbound = try #require(entries.last { $0["direction"] as? String == "inbound" })
            #expect(inbound["body"] as? String == "Thank you & see you <then>!")
            #expect(inbound["classification"] as? String == "secure-reply")
            #expect(inbound["queue"] as? String == "nurse-line")
            let queued = try await client.call(.get, "/v1/queues/nurse-line/messages", key: h.keys.sender)
            #expect((queued.json["items"] as? [[String: Any]] ?? []).contains { $0["body"] as? String == "Thank you & see you <then>!" })
            // An empty reply stores nothing; one past the form's 2,000 characters is refused whole.
            _ = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "   "], cookie: cookie)
            let long = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": String(repeating: "a", count: 2_001)], cookie: cookie)
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("at most 2000"), "\(long.text)")
            let again = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect((again.json["items"] as? [Any])?.count == entries.count)
        }
    }

    @Test("without a session the thread redirects to the link and a reply stores nothing")
    func noSessionNoThread() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let (cookie, csrf) = try await client.signedInThread(c.token)
            for bad in [nil, "tg_session=forged", "tg_session="] as [String?] {
                let r = try await client.page("/s/\(c.token)/thread", cookie: bad)
                #expect(r.status == .seeOther && r.headers[.location] == "/s/\(c.token)")
                let post = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "no session reply"], cookie: bad)
                #expect(post.status == .seeOther)
            }
            // A session belongs to its link.
            let other = try await client.secureCase(h, phone: "(555) 210-2002")
            #expect(try await client.page("/s/\(other.token)/thread", cookie: cookie).status == .seeOther)
            let staff = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect(!staff.text.contains("no session reply"))
        }
    }

    @Test("a token no link has gets the unknown-link notice on every page, whatever the body")
    func unknownToken() async throws {
        try await withServer(config: Secure.config()) { _, client in
            for token in ["short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
                let thread = try await client.page("/s/\(token)/thread")
                #expect(thread.status == .notFound)
                #expect(Secure.words(thread.text).contains("This link is not valid"))
                #expect(try await client.post("/s/\(token)/reply", [:]).status == .notFound, "no body, no session")
                #expect(try await client.post("/s/\(token)/reply", ["csrf": "x", "body": "hi"]).status == .notFound)
                #expect(try await client.post("/s/\(token)/logout", [:]).status == .notFound)
            }
        }
    }

    @Test("a session ends after its lifetime (15 minutes by default)")
    func sessionExpires() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let cookie = try await client.firstVisit(c.token)
            h.clock.advance(15 * 60 - 1)
            #expect(try await client.page("/s/\(c.token)/thread", cookie: cookie).status == .ok)
            h.clock.advance(1)
            let r = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/s/\(c.token)")
            #expect(try await client.page("/s/\(c.token)", cookie: cookie).text.contains("Enter your PIN"))
        }
    }

    @Test("the session lifetime is configurable")
    func sessionLifetimeIsConfigurable() async throws {
        try await withServer(config: Secure.config(sessionMinutes: 5)) { h, client in
            let c = try await client.secureCase(h)
            let r = try await client.verify(c.token)
            #expect(r.headers[.setCookie]?.contains("Max-Age=300") == true)
            let cookie = try #require(Secure.sessionCookie(r))
            h.clock.advance(5 * 60 - 1)
            #expect(try await client.page("/s/\(c.token)/thread", cookie: cookie).status == .ok)
            h.clock.advance(1)
            #expect(try await client.page("/s/\(c.token)/thread", cookie: cookie).status == .seeOther)
        }
    }

    @Test("signing out ends the session on the server and clears the cookie")
    func logoutEndsSession() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let (cookie, csrf) = try await client.signedInThread(c.token)
            let out = try await client.post("/s/\(c.token)/logout", ["csrf": csrf], cookie: cookie)
            #expect(out.status == .ok)
            #expect(Secure.words(out.text).contains("You are signed out"))
            #expect(out.headers[.setCookie]?.hasPrefix("tg_session=;") == true)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            // The old cookie no longer works, even if the browser kept it.
            let r = try await client.page("/s/\(c.token)/thread", cookie: cookie)
            #expect(r.status == .seeOther)
            #expect(try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": "after logout"], cookie: cookie).status == .seeOther)
            let staff = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect(!staff.text.contains("after logout"))
            #expect(try await client.signIn(c.token).status == .seeOther)
        }
    }
}
