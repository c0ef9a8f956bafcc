import Foundation
import HummingbirdTesting
import Server
import Testing

@Suite("secure pages: a revocation written as a reply opts the patient out")
struct SecureReplyOptOutTests {
    @Test("STOP, a free-text revocation or ALTO in a secure reply, even with a stray control byte, refuses the next text")
    func revocationInReplyOptsOut() async throws {
        for (k, body) in ["STOP", "please\r\nstop\u{1} texting me", "ALTO, ya no me manden mensajes"].enumerated() {
            try await withServer(config: Secure.config()) { h, client in
                let c = try await client.secureCase(h, phone: "(555) 210-20\(10 + k)")
                let (cookie, csrf) = try await client.signedInThread(c.token)
                let reply = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": body], cookie: cookie)
                #expect(reply.status == .seeOther, "\(body): \(reply)")
                let sent = try await client.sendText(h.keys.sender, to: c.patient)
                #expect(sent.status == .conflict, "\(body): \(sent)")
                #expect(sent.errorCode == "recipient_opted_out", "\(body): \(sent)")
                let message = (sent.json["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("in a secure reply"), "\(sent)")
                // The reply still joins the thread, as any reply does.
                let staff = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
                let inbound = (staff.json["items"] as? [[String: Any]] ?? []).last { $0["direction"] as? String == "inbound" }
                #expect(inbound?["classification"] as? String == "secure-reply")
            }
        }
    }

    @Test("an ordinary reply, or START, leaves consent as it was")
    func ordinaryReplyKeepsConsent() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let (cookie, csrf) = try await client.signedInThread(c.token)
            for body in ["Thanks, I will stop by at 3", "START"] {
                _ = try await client.post("/s/\(c.token)/reply", ["csrf": csrf, "body": body], cookie: cookie)
            }
            let sent = try await client.sendText(h.keys.sender, to: c.patient)
            #expect(sent.status == .created, "\(sent)")
        }
    }
}
