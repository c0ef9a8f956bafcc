import Foundation
import Rules
import Testing

@Suite("/healthz, /metrics and /v1/audit")
struct PublicRouteTests {
    @Test("healthz reports ok, textgate's version, the rules version and the schema version")
    func health() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/healthz")
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "ok")
            #expect(r.json["rulesVersion"] as? String == h.state.rules.ruleset.version)
            #expect(r.json["version"] as? String == TextgateVersion.current)
            #expect((r.json["schemaVersion"] as? Int ?? 0) >= 1)
        }
    }

    @Test("metrics count requests, decisions by category, sends by outcome and the rules version")
    func metrics() async throws {
        try await withServer { h, client in
            let id = try await client.makePatient(h.keys.sender)
            _ = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Cheap Viagra delivered to your door"}"#)
            _ = try await client.sendText(h.keys.sender, to: id)
            _ = try await client.sendText(h.keys.sender, to: "pat_nobody")
            _ = try await client.inbound(h.keys.provider, from: "+15552102001", body: "STOP")
            let r = try await client.call(.get, "/metrics")
            #expect(r.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = r.text
            #expect(text.contains(#"textgate_http_requests_total{method="POST",route="/v1/check",status="200"} 1"#), "\(text)")
            #expect(text.contains(#"textgate_decisions_total{action="check",decision="block"} 1"#))
            #expect(text.contains(#"textgate_decisions_total{action="send",decision="allow"} 1"#))
            #expect(text.contains(#"textgate_findings_total{category="rx-offer"} 1"#))
            #expect(text.contains(#"textgate_sends_total{outcome="sent"} 1"#))
            #expect(text.contains(#"textgate_sends_total{outcome="recipient_not_found"} 1"#))
            #expect(text.contains(#"textgate_inbound_total{classification="opt-out"} 1"#))
            #expect(text.contains("textgate_rules_info{version=\"\(h.state.rules.ruleset.version)\"} 1"))
        }
    }

    @Test("the OpenAPI document is served as YAML")
    func openapi() async throws {
        try await withServer { _, client in
            let r = try await client.call(.get, "/openapi.yaml")
            #expect(r.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(r.text.hasPrefix("openapi: 3.1"))
            #expect(r.text.contains("/v1/messages:"))
        }
    }
}

@Suite("GET /v1/audit")
struct AuditRouteTests {
    @Test("the audit trail filters by recipient, decision and time, newest first")
    func filters() async throws {
        try await withServer { h, client in
            let a = try await client.makePatient(h.keys.sender, phone: "+15552102001")
            let b = try await client.makePatient(h.keys.sender, phone: "+15552102002")
            let t0 = h.clock.read()
            _ = try await client.sendText(h.keys.sender, to: a)
            h.clock.advance(3600)
            _ = try await client.sendText(h.keys.sender, to: b, body: "Cheap Viagra delivered to your door")
            h.clock.advance(3600)
            _ = try await client.sendText(h.keys.sender, to: a, body: "See you soon.")
            _ = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hello"}"#)

            let all = try #require(try await client.call(.get, "/v1/audit", key: h.keys.admin).json["items"] as? [[String: Any]])
            #expect(all.count == 4)
            let byA = try #require(try await client.call(.get, "/v1/audit?recipient=\(a)", key: h.keys.admin).json["items"] as? [[String: Any]])
            #expect(byA.count == 2)
            #expect(byA.allSatisfy { $0["recipient"] as? String == a })
            let blocked = try #require(try await client.call(.get, "/v1/audit?decision=message_blocked", key: h.keys.admin).json["items"] as? [[String: Any]])
            #expect(blocked.map { $0["recipient"] as? String } == [b])
            let f = ISO8601DateFormatter()
            let from = f.string(from: t0.addingTimeInterval(1800)), to = f.string(from: t0.addingTimeInterval(5400))
            let window = try #require(try await client.call(.get, "/v1/audit?from=\(from)&to=\(to)", key: h.keys.admin).json["items"] as? [[String: Any]])
            #expect(window.map { $0["recipient"] as? String } == [b])
            let limited = try #require(try await client.call(.get, "/v1/audit?limit=1", key: h.keys.admin).json["items"] as? [[String: Any]])
            #expect(limited.count == 1)
            #expect(limited.first?["action"] as? String == "check")
        }
    }

    @Test("a bad time, limit or decision is 400 invalid_parameter")
    func invalid() async throws {
        try await withServer { h, client in
            for query in ["from=yesterday", "to=2026-13-01", "limit=0", "limit=5000", "decision=banana", "decision=blocked",
                          "decision=Block"] {
                let r = try await client.call(.get, "/v1/audit?\(query)", key: h.keys.admin)
                #expect(r.status == .badRequest, "\(query)")
                #expect(r.errorCode == "invalid_parameter", "\(query)")
            }
        }
    }

    @Test("the audit trail is admin only")
    func adminOnly() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/audit", key: h.keys.sender)
            #expect(r.errorCode == "forbidden")
        }
    }
}
