import Crypto
import Foundation
import HummingbirdTesting
import Matching
import Messaging
import Server
import Storage
import Testing

@Suite("secure messages: the notification and the token")
struct SecureNotificationTests {
    @Test("a secure message sends the fixed generic notification naming the practice, never the body")
    func notificationIsFixedAndGeneric() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let first = try await client.secureCase(h, body: Secure.body)
            let second = try await client.secureCase(h, phone: "(555) 210-2002", body: "Different: your HIV test is negative.")
            let url = "http://127.0.0.1/s/"
            #expect(first.notification == "You have a secure message waiting from Riverside Family Medicine. Please follow the link to log in: \(url)\(first.token)")
            #expect(second.notification.replacingOccurrences(of: second.token, with: "T")
                    == first.notification.replacingOccurrences(of: first.token, with: "T"))
            for word in ["biopsy", "benign", "HIV", "negative", "14th", "Ana", "Diaz"] {
                #expect(!first.notification.contains(word) && !second.notification.contains(word), "\(word)")
            }
            let encoding = SMSEncoding(analyzing: first.notification)
            #expect(encoding.segments == 1)
            #expect(encoding.charset == .gsm7 && encoding.nonGsmCharacters.isEmpty, "\(first.notification)")
        }
    }

    @Test("the token is at least 128 bits of base64url and only its SHA-256 hash is stored")
    func tokenIsRandomAndHashed() async throws {
        let transport = SecureCaptureTransport()
        try await withServer(config: Secure.config(), transport: transport) { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            var tokens: Set<String> = []
            for _ in 0..<5 {
                let sent = try await client.sendSecure(h.keys.sender, to: patient)
                #expect(sent.status == .created, "\(sent)")
                let message = try #require(sent.json["id"] as? String)
                let token = try #require(Secure.token(in: transport.deliveries.last?.body ?? ""))
                #expect(token.count >= 22, "\(token)")
                #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(token)")
                tokens.insert(token)
                let links = try await h.store.links(messageId: message)
                let link = try #require(links.first)
                #expect(links.count == 1)
                let hash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
                #expect(link.tokenHash == hash)
                #expect(try await h.store.link(tokenHash: hash)?.id == link.id)
            }
            #expect(tokens.count == 5)
            // Only the link's hash is stored: no table holds a token (this transport stores nothing).
            try await h.store.close()
            var raw = ""
            for suffix in ["", "-wal"] {
                if let bytes = FileManager.default.contents(atPath: h.dbPath + suffix) { raw += String(decoding: bytes, as: UTF8.self) }
            }
            #expect(!raw.isEmpty)
            let stored = tokens.filter { raw.contains($0) }
            #expect(stored.isEmpty, "\(stored.count) of \(tokens.count) tokens are stored in the database")
        }
    }

    @Test("the send response and the audit trail do not show the link's token")
    func tokenNotInResponsesOrAudit() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let sent = try await client.call(.get, "/v1/audit?recipient=\(c.patient)", key: h.keys.admin)
            #expect(sent.status == .ok)
            let thread = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect(!thread.text.contains(c.token))
            #expect(!sent.text.contains(c.token), "the audit trail shows the token")
            let again = try await client.sendSecure(h.keys.sender, to: c.patient)
            let token = try await client.newestToken(h.keys.provider, message: try #require(again.json["id"] as? String))
            #expect(!again.text.contains(token), "the send response shows the token")
        }
    }

    @Test("links are built on the configured public base URL and go by SMS, email or both")
    func publicBaseURLAndChannels() async throws {
        let config = Secure.config(publicURL: "https://portal.riversidefamilymed.com/")
        try await withServer(config: config) { h, client in
            let patient = try await client.makePatient(h.keys.sender, email: "ana@example.org")
            let sent = try await client.sendSecure(h.keys.sender, to: patient, notify: ["sms", "email"])
            #expect(sent.status == .created, "\(sent)")
            let items = try await client.outbox(h.keys.provider)
            // Made in the same instant, the two items may list in either order.
            #expect(Set(items.compactMap { $0["channel"] as? String }) == ["sms", "email"])
            #expect(Set(items.compactMap { $0["to"] as? String }) == ["+15552102001", "ana@example.org"])
            let bodies = items.compactMap { $0["body"] as? String }
            #expect(bodies.count == 2 && bodies[0] == bodies[1])
            #expect(bodies[0].contains("https://portal.riversidefamilymed.com/s/"), "\(bodies[0])")
            #expect(!bodies[0].contains(".com//s/"))
        }
    }

    @Test("a long practice name still gives one GSM-7 segment with the link")
    func longPracticeNameFitsOneSegment() async throws {
        let practice = Practice(name: "Riverside Family Medicine and Pediatrics of Greater Springfield", phone: "(201) 555-0100",
                                number: "+15555550100", email: "care@riversidefamilymed.com")
        let config = Secure.config(publicURL: "https://portal.riversidefamilymed.com", practice: practice)
        try await withServer(config: config) { h, client in
            let c = try await client.secureCase(h)
            #expect(c.notification.contains(practice.name))
            #expect(c.notification.contains("https://portal.riversidefamilymed.com/s/\(c.token)"))
            #expect(SMSEncoding(analyzing: c.notification).segments == 1, "\(c.notification.count) chars: \(c.notification)")
        }
    }

    @Test("the staff thread shows a secure message as (secure message), not its text")
    func staffThreadHidesBody() async throws {
        try await withServer(config: Secure.config()) { h, client in
            let c = try await client.secureCase(h)
            let thread = try await client.call(.get, "/v1/threads/\(c.patient)", key: h.keys.sender)
            #expect(thread.status == .ok)
            #expect(thread.text.contains("(secure message)"))
            #expect(!thread.text.contains("biopsy"))
        }
    }
}
