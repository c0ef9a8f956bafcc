import Foundation
import Testing

@Suite("Unknown routes")
struct NotFoundTests {
    @Test("an unknown path is a JSON 404 route_not_found that points at the OpenAPI document")
    func unknownPath() async throws {
        try await withServer { h, client in
            let r = try await client.call(.get, "/v1/nope", key: h.keys.admin)
            #expect(r.status == .notFound)
            #expect(r.errorCode == "route_not_found")
            #expect(r.message.contains("/openapi.yaml"))
            #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test("an unknown path without a key is still route_not_found, not a bare error")
    func unknownPathWithoutKey() async throws {
        try await withServer { _, client in
            let r = try await client.call(.post, "/nothing/here")
            #expect(r.status == .notFound)
            #expect(r.errorCode == "route_not_found")
        }
    }

    @Test("a known path with a method it does not have is a JSON error, never a bare 500")
    func wrongMethod() async throws {
        try await withServer { h, client in
            let r = try await client.call(.put, "/v1/check", key: h.keys.admin, json: "{}")
            #expect([404, 405].contains(r.status.code), "\(r)")
            #expect(["route_not_found", "method_not_allowed"].contains(r.errorCode ?? ""), "\(r)")
        }
    }
}
