import Foundation
import Storage
import Testing

@Suite("POST /v1/check and GET /v1/rules")
struct CheckRouteTests {
    @Test("a clean reminder is allowed with its encoding and segment count")
    func allowsCleanText() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender,
                                          json: #"{"text":"Your visit is Tue 3pm. Reply STOP to opt out.","channel":"sms"}"#)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["decision"] as? String == "allow")
            #expect(r.json["rulesVersion"] as? String == h.state.rules.ruleset.version)
            #expect((r.json["findings"] as? [Any])?.isEmpty == true)
            #expect(r.json["encoding"] as? String == "GSM-7")
            #expect(r.json["segments"] as? Int == 1)
        }
    }

    @Test("language es gives Spanish messages with the same decision; the audit keeps the rules' own words")
    func spanish() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender,
                                          json: #"{"text":"Cheap Viagra delivered to your door","language":"es-MX"}"#)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["decision"] as? String == "block")
            let findings = try #require(r.json["findings"] as? [[String: Any]])
            #expect(findings.allSatisfy { ($0["message"] as? String)?.hasPrefix("Este texto") == true }, "\(findings)")
            let audit = try await h.state.store.audit(AuditFilter(limit: 1))
            #expect(audit.first?.findingsJSON.contains("This text") == true)
            let bad = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hi","language":"fr"}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_field")
        }
    }

    @Test("a prescription-drug offer is blocked with its findings")
    func blocksDrugOffer() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Cheap Viagra delivered to your door"}"#)
            #expect(r.status == .ok)
            #expect(r.json["decision"] as? String == "block")
            let findings = try #require(r.json["findings"] as? [[String: Any]])
            #expect(findings.contains { $0["category"] as? String == "rx-offer" && $0["severity"] as? String == "error" })
            #expect(findings.allSatisfy { $0["line"] is Int && $0["column"] is Int && $0["match"] is String })
        }
    }

    @Test("a text with an emoji is UCS-2")
    func unicodeEncoding() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"See you soon 😀"}"#)
            #expect(r.json["encoding"] as? String == "UCS-2")
        }
    }

    @Test("allowDomains turns an off-domain link warning into an allow")
    func allowDomains() async throws {
        try await withServer { h, client in
            let text = "Pay your bill at https://payments-portal.com/rfm"
            let plain = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "{\"text\":\"\(text)\"}")
            #expect(plain.json["decision"] as? String == "warn")
            let allowed = try await client.call(.post, "/v1/check", key: h.keys.sender,
                                                json: "{\"text\":\"\(text)\",\"allowDomains\":[\"payments-portal.com\"]}")
            #expect(allowed.json["decision"] as? String == "allow", "\(allowed)")
        }
    }

    @Test("every check is audited")
    func checksAreAudited() async throws {
        try await withServer { h, client in
            _ = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Cheap Viagra delivered to your door"}"#)
            let records = try await h.store.audit(.init())
            #expect(records.count == 1)
            #expect(records.first?.action == "check")
            #expect(records.first?.decision == "block")
        }
    }

    @Test("an empty body is 400 invalid_json")
    func emptyBody() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "")
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "invalid_json")
        }
    }

    @Test("a body that is not a JSON object is 400 invalid_json")
    func notAnObject() async throws {
        try await withServer { h, client in
            for body in ["[1,2]", "{\"text\":", "\"hi\""] {
                let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: body)
                #expect(r.status == .badRequest, "\(body)")
                #expect(r.errorCode == "invalid_json", "\(body)")
            }
        }
    }

    @Test("malformed JSON is 400 invalid_json saying where the parser stopped")
    func malformedSaysWhere() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "{\n  \"text\": \"hi\" \"channel\": \"sms\"}")
            #expect(r.errorCode == "invalid_json", "\(r)")
            let message = (r.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.hasSuffix("it is not valid JSON at line 2, column 16: a `,` or `}` was expected."), "\(message)")
        }
    }

    @Test("a trailing comma is 400 invalid_json, as RFC 8259 has it, naming where")
    func trailingComma() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hi",}"#)
            #expect(r.errorCode == "invalid_json", "\(r)")
            let message = (r.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.hasSuffix("at line 1, column 14: a `,` comes before this `}`; remove it."), "\(message)")
            // A provider's inbound text is read as the decoder reads it: the STOP is not lost.
            let stop = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            #expect(stop.status == .ok)
            let lenient = try await client.call(.post, "/v1/inbound", key: h.keys.provider,
                                                json: #"{"from":"+15552102002","body":"STOP",}"#)
            #expect(lenient.status == .ok, "\(lenient)")
            #expect(lenient.json["classification"] as? String == "opt-out", "\(lenient)")
        }
    }

    @Test("a missing text is 400 missing_field")
    func missingText() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"channel":"sms"}"#)
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "missing_field")
            #expect(r.message.contains("text"))
        }
    }

    @Test("an unknown field is 400 unknown_field naming it")
    func unknownField() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hi","chanel":"sms"}"#)
            #expect(r.status == .badRequest)
            #expect(r.errorCode == "unknown_field")
            #expect(r.message.contains("`chanel`"))
        }
    }

    @Test("an unknown channel or a field of the wrong type is 400 invalid_field")
    func invalidFields() async throws {
        try await withServer { h, client in
            for body in [#"{"text":"hi","channel":"fax"}"#, #"{"text":42}"#, #"{"text":"hi","allowDomains":"a.com"}"#] {
                let r = try await client.call(.post, "/v1/check", key: h.keys.sender, json: body)
                #expect(r.status == .badRequest, "\(body)")
                #expect(r.errorCode == "invalid_field", "\(body)")
            }
        }
    }

    @Test("GET /v1/rules lists the rules and the version serving")
    func listsRules() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/rules", key: h.keys.sender)
            #expect(r.status == .ok)
            #expect(r.json["version"] as? String == h.state.rules.ruleset.version)
            let rules = try #require(r.json["rules"] as? [[String: Any]])
            #expect(rules.count == h.state.rules.ruleset.rules.count)
            #expect(rules.contains { $0["category"] as? String == "rx-offer" && $0["severity"] as? String == "error" })
            #expect(r.json["loadedAt"] is String)
        }
    }
}
