import Foundation
import Server
import Storage
import Testing

@Suite("API keys and roles")
struct AuthTests {
    @Test("a key is stored as the hex of its SHA-256, so keys made by earlier versions still match")
    func storedHash() {
        // SHA-256 of "abc" (FIPS 180-2).
        #expect(Auth.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a /v1 route without an Authorization header is 401 unauthenticated")
    func missingKeyIs401() async throws {
        try await withServer { _, client in
            let r = try await client.call(.get, "/v1/rules")
            #expect(r.status == .unauthorized)
            #expect(r.errorCode == "unauthenticated")
            #expect(r.message.contains("textgate keys create"))
        }
    }

    @Test("a header that is not a Bearer key is 401 unauthenticated")
    func nonBearerIs401() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/rules", headers: [.authorization: "Basic \(h.keys.sender)"])
            #expect(r.status == .unauthorized)
            #expect(r.errorCode == "unauthenticated")
        }
    }

    @Test("an unknown key is 401 invalid_api_key")
    func unknownKeyIs401() async throws {
        try await withServer { _, client in
            let r = try await client.call(.get, "/v1/rules", key: Auth.newKey())
            #expect(r.status == .unauthorized)
            #expect(r.errorCode == "invalid_api_key")
        }
    }

    @Test("a key revoked through this server is 401 invalid_api_key on its next use")
    func revokedKeyIs401() async throws {
        try await withServer { h, client in
            #expect(try await client.call(.get, "/v1/rules", key: h.keys.sender).status == .ok)
            let stored = try #require(try await h.store.key(hash: Auth.hash(h.keys.sender)))
            #expect(try await h.state.revokeKey(id: stored.id, at: Date()))
            let r = try await client.call(.get, "/v1/rules", key: h.keys.sender)
            #expect(r.status == .unauthorized)
            #expect(r.errorCode == "invalid_api_key")
        }
    }

    @Test("a key without the route's role is 403 forbidden and names the roles needed")
    func wrongRoleIs403() async throws {
        try await withServer { h, client in
            let r = try await client.call(.post, "/v1/admin/rules/reload", key: h.keys.sender)
            #expect(r.status == .forbidden)
            #expect(r.errorCode == "forbidden")
            #expect(r.details["required"] as? [String] == ["admin"])
            let p = try await client.call(.post, "/v1/check", key: h.keys.provider, json: #"{"text":"hi"}"#)
            #expect(p.status == .forbidden)
            #expect(p.errorCode == "forbidden")
            let s = try await client.inbound(h.keys.sender, from: "+15552102001", body: "hi")
            #expect(s.status == .forbidden)
            #expect(s.errorCode == "forbidden")
        }
    }

    @Test("an admin key may use sender and provider routes, but not read the outbox")
    func adminMayDoEverything() async throws {
        try await withServer { h, client async throws in
            #expect(try await client.call(.get, "/v1/patients", key: h.keys.admin).status == .ok)
            #expect(try await client.inbound(h.keys.admin, from: "+15552102001", body: "hello").status == .ok)
            // Except the outbox: it holds live secure-link tokens, so only collectors read it.
            #expect(try await client.call(.get, "/v1/outbox", key: h.keys.admin).status == .forbidden)
        }
    }

    @Test("a key with several roles may use the routes of each")
    func multipleRoles() async throws {
        try await withServer { h, client in
            let both = try await Harness.addKey(h.store, ["sender", "provider"])
            #expect(try await client.call(.get, "/v1/patients", key: both).status == .ok)
            #expect(try await client.inbound(both, from: "+15552102001", body: "hello").status == .ok)
            #expect(try await client.call(.get, "/v1/audit", key: both).status == .forbidden)
        }
    }

    @Test("the provider role may collect and acknowledge the outbox")
    func providerReadsOutbox() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/outbox", key: h.keys.provider)
            #expect(r.status == .ok)
        }
    }

    @Test("health, metrics and the OpenAPI document need no key")
    func publicRoutes() async throws {
        try await withServer { _, client in
            for path in ["/healthz", "/metrics", "/openapi.yaml"] {
                let r = try await client.call(.get, path)
                #expect(r.status == .ok, "\(path): \(r)")
            }
        }
    }

    @Test("keys are stored only as SHA-256 hashes")
    func keysStoredHashed() async throws {
        try await withServer { h, _ in
            let stored = try await h.store.keys()
            #expect(stored.count == 3)
            for k in stored {
                #expect(k.hash.count == 64)
                #expect(![h.keys.sender, h.keys.admin, h.keys.provider].contains(k.hash))
            }
            #expect(Auth.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }
    }

    @Test("new keys are distinct, prefixed and URL-safe")
    func newKeyShape() {
        let a = Auth.newKey(), b = Auth.newKey()
        #expect(a != b)
        #expect(a.hasPrefix("tg_"))
        #expect(a.count == 3 + 43)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }
}
