import Foundation
import Server
import Testing

@Suite("POST /v1/admin/rules/reload")
struct RulesReloadTests {
    @Test("reloading unchanged rules keeps the version and says nothing changed")
    func unchangedReload() async throws {
        try await withServer { h, client in
            let version = h.state.rules.ruleset.version
            let r = try await client.call(.post, "/v1/admin/rules/reload", key: h.keys.admin)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["version"] as? String == version)
            #expect(r.json["previousVersion"] as? String == version)
            #expect(r.json["changed"] as? Bool == false)
        }
    }

    @Test("an edited rules directory reloads to a new version that checks with the new rules")
    func editedRulesReload() async throws {
        let temp = try TempDir()
        defer { temp.remove() }
        let rules = try copyRules(to: temp.url)
        try await withServer(rules: rules.path) { h, client in
            let text = "Swing by for a mango smoothie"
            let before = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "{\"text\":\"\(text)\"}")
            #expect(before.json["decision"] as? String == "allow")
            let old = h.state.rules.ruleset.version
            try FruitRule.write(into: rules)
            let r = try await client.call(.post, "/v1/admin/rules/reload", key: h.keys.admin)
            #expect(r.status == .ok, "\(r)")
            #expect(r.json["changed"] as? Bool == true)
            #expect(r.json["previousVersion"] as? String == old)
            let new = try #require(r.json["version"] as? String)
            #expect(new != old)
            let after = try await client.call(.post, "/v1/check", key: h.keys.sender, json: "{\"text\":\"\(text)\"}")
            #expect(after.json["decision"] as? String == "block", "\(after)")
            #expect(after.json["rulesVersion"] as? String == new)
            let rulesNow = try await client.call(.get, "/v1/rules", key: h.keys.sender)
            #expect(rulesNow.json["version"] as? String == new)
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.text.contains("textgate_rules_info{version=\"\(new)\"} 1"))
            #expect(metrics.text.contains("textgate_rules_info{version=\"\(old)\"} 0"))
        }
    }

    @Test("a broken rules directory is 422 rules_invalid with every error at file:line:col, and the old rules keep serving")
    func brokenRulesKeepOldVersion() async throws {
        let temp = try TempDir()
        defer { temp.remove() }
        let rules = try copyRules(to: temp.url)
        try await withServer(rules: rules.path) { h, client in
            let old = h.state.rules.ruleset.version
            try "category: broken\nseverity: fatal\nmessage: x\nkind: terms\nterms: [a]\n"
                .write(to: rules.appendingPathComponent("style/broken.yml"), atomically: true, encoding: .utf8)
            try "category: also-broken\nseverity: error\nmessage: y\nkind: nonsense\n"
                .write(to: rules.appendingPathComponent("links/also-broken.yml"), atomically: true, encoding: .utf8)
            let r = try await client.call(.post, "/v1/admin/rules/reload", key: h.keys.admin)
            #expect(r.status == .unprocessableContent, "\(r)")
            #expect(r.errorCode == "rules_invalid")
            #expect(r.message.contains(old))
            #expect(r.details["version"] as? String == old)
            let errors = try #require(r.details["errors"] as? [String])
            #expect(errors.count >= 2, "\(errors)")
            #expect(errors.contains { $0.range(of: #"style/broken\.yml:\d+:\d+: error: "#, options: .regularExpression) != nil }, "\(errors)")
            #expect(errors.contains { $0.range(of: #"links/also-broken\.yml:\d+:\d+: error: "#, options: .regularExpression) != nil }, "\(errors)")
            #expect(h.state.rules.ruleset.version == old)
            let check = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"hello"}"#)
            #expect(check.json["rulesVersion"] as? String == old)
        }
    }

    @Test("a rules directory that disappears is 422 rules_invalid and the old rules keep serving")
    func missingDirectory() async throws {
        let temp = try TempDir()
        defer { temp.remove() }
        let rules = try copyRules(to: temp.url)
        try await withServer(rules: rules.path) { h, client in
            let old = h.state.rules.ruleset.version
            try FileManager.default.removeItem(at: rules)
            let r = try await client.call(.post, "/v1/admin/rules/reload", key: h.keys.admin)
            #expect(r.status == .unprocessableContent)
            #expect(r.errorCode == "rules_invalid")
            #expect((r.details["errors"] as? [String])?.isEmpty == false)
            #expect(try await client.call(.get, "/healthz").json["rulesVersion"] as? String == old)
        }
    }
}
