import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@Suite("Hostile input: what is checked is what is sent, sizes, HTTP manners")
struct HostileInputTests {
    static let controls: [UInt32] = Array(0x00...0x1F).filter { $0 != 0x0A && $0 != 0x0D } + [0x7F] + Array(0x80...0x9F)

    @Test("every control character is refused by /v1/messages and nothing reaches the outbox")
    func controlsRefused() async throws {
        try await withServer { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            for c in Self.controls {
                let body = "Your visit is Tue 3pm." + String(UnicodeScalar(c)!) + "AND BRING CASH"
                let r = try await client.sendText(h.keys.sender, to: patient, body: body)
                if c == 0x09 {
                    // A tab on SMS only warns (it forces UCS-2); it is sent exactly as checked.
                    #expect(r.status == .created, "\(r)")
                } else {
                    #expect(r.status == .unprocessableContent, "U+\(String(c, radix: 16)): \(r)")
                    #expect(r.errorCode == "message_blocked")
                    #expect(r.text.contains("control-character"))
                }
            }
            let outbox = try await h.store.outbox(includeAcked: true)
            #expect(outbox.count == 1)
            #expect(outbox.first?.body == "Your visit is Tue 3pm.\tAND BRING CASH")
        }
    }

    @Test("CR LF and lone CR are sent as line feeds, exactly the text that was checked")
    func lineEndsSentAsChecked() async throws {
        try await withServer { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: patient, body: "Line one\r\nLine two\rLine three")
            #expect(r.status == .created, "\(r)")
            let item = try #require(try await h.store.outbox(includeAcked: true).first)
            #expect(Array(item.body.utf8) == Array("Line one\nLine two\nLine three".utf8))
            let check = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Line one\r\nLine two"}"#)
            #expect(check.json["decision"] as? String == "allow", "\(check)")
        }
    }

    @Test("a NUL in /v1/check blocks, and CB NUL D is not a way past the cannabis rule")
    func nulInCheck() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Ask about CB\u0000D"}"#)
            #expect(r.json["decision"] as? String == "block", "\(r)")
        }
    }

    @Test("control characters in names are refused with the field named")
    func controlInName() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/patients", key: h.keys.sender,
                                          json: #"{"firstName":"Ana\u0000Evil","cellPhone":"(555) 210-2001"}"#)
            #expect(r.status == .unprocessableContent, "\(r)")
            #expect(r.text.contains("firstName"))
        }
    }

    @Test("a body over the limit is 413 payload_too_large on every route")
    func tooLarge() async throws {
        try await withServer { h, client in
            let big = "{\"text\":\"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}"
            for (uri, key) in [("/v1/check", h.keys.sender), ("/v1/patients", h.keys.sender), ("/v1/inbound", h.keys.provider)] {
                let r = try await client.call(.post, uri, key: key, json: big)
                #expect(r.status == .contentTooLarge, "\(uri): \(r.status)")
                #expect(r.errorCode == "payload_too_large")
            }
            let form = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                             form: "From=%2B15552102001&Body=" + String(repeating: "a", count: (1 << 20) + 10))
            #expect(form.status == .contentTooLarge)
        }
    }

    @Test("an SMS over the segment limit is 422 message_too_long naming the limit and the size")
    func tooLong() async throws {
        try await withServer { h, client in
            let patient = try await client.makePatient(h.keys.sender)
            let r = try await client.sendText(h.keys.sender, to: patient, body: String(repeating: "Please call us. ", count: 110))
            #expect(r.status == .unprocessableContent, "\(r)")
            #expect(r.errorCode == "message_too_long")
            #expect(r.details["limit"] as? Int == 10)
            #expect(r.details["size"] as? Int == 12)
            #expect(try await h.store.outbox(includeAcked: true).isEmpty)
        }
    }

    @Test("a check of a megabyte of findings answers with a bounded report")
    func bigCheck() async throws {
        try await withServer { h, client in
            let text = String(repeating: "CBD ", count: 50_000)
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "{\"text\":\"\(text)\"}")
            #expect(r.status == .ok)
            let findings = try #require(r.json["findings"] as? [[String: Any]])
            #expect(findings.filter { $0["rule"] as? String == "cannabis" }.count == 100)
            #expect((r.json["omitted"] as? [String: Int])?["cannabis"] == 49_900)
            // The one all-caps finding quotes the text; the rest is bounded by the cap.
            #expect(r.text.utf8.count < text.utf8.count + 100_000)
        }
    }

    @Test("a known path with a wrong method is 405 with Allow; OPTIONS answers with Allow")
    func methodNotAllowed() async throws {
        try await withServer { h, client in
            for (method, uri, allow) in [(HTTPRequest.Method.put, "/v1/patients", "POST, GET, HEAD, OPTIONS"),
                                         (.get, "/v1/check", "POST, OPTIONS"),
                                         (.init("TRACE")!, "/v1/patients/pat_1", "GET, PATCH, DELETE, HEAD, OPTIONS")] {
                let r = try await client.call(method, uri, key: h.keys.sender)
                #expect(r.status == .methodNotAllowed, "\(method) \(uri): \(r)")
                #expect(r.errorCode == "method_not_allowed")
                #expect(r.headers[.allow] == allow)
            }
            let options = try await client.call(.options, "/v1/check")
            #expect(options.status == .noContent)
            #expect(options.headers[.allow] == "POST, OPTIONS")
            let unknown = try await client.call(.get, "/v1/nothing-here", key: h.keys.sender)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("HEAD answers every GET route with its status and headers and no body")
    func head() async throws {
        try await withServer { h, client in
            for uri in ["/healthz", "/openapi.yaml", "/v1/patients"] {
                let get = try await client.call(.get, uri, key: h.keys.sender)
                let head = try await client.call(.head, uri, key: h.keys.sender)
                #expect(head.status == get.status, "\(uri): \(head)")
                #expect(head.text.isEmpty, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
            }
            #expect(try await client.call(.head, "/v1/patients").status == .unauthorized)
        }
    }

    @Test("a body declared past the limit is 413 on every route, even one that reads no body")
    func declaredTooLarge() async throws {
        try await withServer { h, client in
            let big = String(repeating: "x", count: 1_100_000)
            for (method, uri) in [(HTTPRequest.Method.post, "/v1/admin/rules/reload"), (.get, "/v1/patients"),
                                  (.post, "/v1/outbox/out_x/ack")] {
                let r = try await client.call(method, uri, key: h.keys.admin, json: big)
                #expect(r.status == .contentTooLarge, "\(method) \(uri): \(r.status)")
                #expect(r.errorCode == "payload_too_large")
            }
        }
    }

    @Test("a query parameter on a route that takes none is 400 unknown_parameter, before anything runs")
    func unknownQuery() async throws {
        try await withServer { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            for (method, uri) in [(HTTPRequest.Method.get, "/v1/patients/\(ana)?bogus=1"), (.get, "/healthz?x=1"),
                                  (.get, "/v1/blocked-numbers?limit=abc"), (.post, "/v1/admin/rules/reload?all=banana")] {
                let r = try await client.call(method, uri, key: h.keys.admin)
                #expect(r.status == .badRequest, "\(method) \(uri): \(r)")
                #expect(r.errorCode == "unknown_parameter")
            }
            let sent = try await client.call(.post, "/v1/messages?bogus=1", key: h.keys.sender,
                                             json: "{\"recipient\":\"\(ana)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"Hi\",\"idempotencyKey\":\"q1\"}")
            #expect(sent.errorCode == "unknown_parameter")
            #expect(try await h.store.outbox(includeAcked: true).isEmpty, "refused before anything was sent")
            // The list routes still take theirs.
            #expect(try await client.call(.get, "/v1/patients?limit=5", key: h.keys.sender).status == .ok)
        }
    }

    @Test("the bearer scheme is case-insensitive")
    func bearerCase() async throws {
        try await withServer { h, client in
            for scheme in ["bearer", "BEARER", "Bearer"] {
                let r = try await client.call(.post, "/v1/check", json: #"{"text":"hi"}"#,
                                              headers: [.authorization: "\(scheme) \(h.keys.sender)"])
                #expect(r.status == .ok, "\(scheme): \(r)")
            }
        }
    }

    @Test("invalid UTF-8 is 400 invalid_utf8, except on the inbound webhook, which repairs it")
    func invalidUTF8() async throws {
        try await withServer { h, client in
            var bad = ByteBuffer(string: "{\"text\":\"caf")
            bad.writeBytes([0xC3, 0x28])
            bad.writeString("\"}")
            let r = try await client.execute(uri: "/v1/check", method: .post,
                                             headers: [.authorization: "Bearer \(h.keys.sender)", .contentType: "application/json"], body: bad)
            #expect(r.status == .badRequest)
            #expect(String(buffer: r.body).contains("invalid_utf8"))
            var stop = ByteBuffer(string: "{\"from\":\"+15552102001\",\"body\":\"STOP")
            stop.writeBytes([0xFF])
            stop.writeString("\"}")
            let inbound = try await client.execute(uri: "/v1/inbound", method: .post,
                                                   headers: [.authorization: "Bearer \(h.keys.provider)", .contentType: "application/json"], body: stop)
            #expect(inbound.status == .ok, "\(String(buffer: inbound.body))")
        }
    }

    @Test("null is refused where a value is expected, and query parameters are validated")
    func nullsAndQueries() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":null}"#)
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "invalid_field")
            #expect(r.message.contains("`text`"))
            let p = try await client.call(.post, "/v1/patients", key: h.keys.sender, json: #"{"firstName":null}"#)
            #expect(p.status == .badRequest)
            let wrongType = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":5}"#)
            #expect(wrongType.status == .badRequest && wrongType.message.contains("must be a string"))
            for uri in ["/v1/audit?limit=null", "/v1/audit?limit=0", "/v1/outbox?all=banana", "/v1/audit?colour=red"] {
                let q = try await client.call(.get, uri, key: uri.hasPrefix("/v1/outbox") ? h.keys.provider : h.keys.admin)
                #expect(q.status == .badRequest, "\(uri): \(q)")
            }
        }
    }

    @Test("a time the API returned can be sent back as a filter")
    func timesRoundTrip() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hello"}"#)
            let audit = try await client.call(.get, "/v1/audit", key: h.keys.admin)
            let at = try #require(((audit.json["items"] as? [[String: Any]])?.first?["at"]) as? String)
            #expect(at.contains("."))
            let encoded = at.replacingOccurrences(of: ":", with: "%3A")
            let r = try await client.call(.get, "/v1/audit?from=\(encoded)", key: h.keys.admin)
            #expect(r.status == .ok, "\(r)")
            #expect((r.json["items"] as? [Any])?.count == 1)
        }
    }
}

@Suite("Recipients' language and time zone")
struct RecipientLanguageTests {
    @Test("a patient's language and time zone are stored, validated, and choose the reply's language")
    func languageAndZone() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/patients", key: h.keys.sender,
                                          json: #"{"firstName":"Luz","cellPhone":"(555) 210-2009","language":"es","timeZone":"America/Chicago"}"#)
            #expect(r.status == .created, "\(r)")
            #expect(r.json["language"] as? String == "es" && r.json["timeZone"] as? String == "America/Chicago")
            let bad = try await client.call(.post, "/v1/patients", key: h.keys.sender,
                                            json: #"{"firstName":"Luz","language":"spanish!","timeZone":"Mars/Base"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("language") && bad.text.contains("timeZone"))
            // An English-looking keyword from a patient whose language is es: the Spanish confirmation.
            let stop = try await client.inbound(h.keys.provider, from: "+15552102009", body: "ALTO")
            #expect(stop.json["consent"] as? String == "opt-out", "\(stop)")
            #expect((stop.json["reply"] as? String)?.contains("INICIO") == true, "\(stop)")
        }
    }
}
