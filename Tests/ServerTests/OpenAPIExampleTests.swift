import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import Yams

@Suite("openapi.yaml examples are valid input")
struct OpenAPIExampleTests {
    /// Every request-body example in the document, with its method and path.
    static func examples() throws -> [(method: String, path: String, json: String)] {
        let doc = try OpenAPITests.document()
        let paths = try #require(doc["paths"] as? [String: Any])
        let shared = ((doc["components"] as? [String: Any])?["requestBodies"] as? [String: Any]) ?? [:]
        var out: [(String, String, String)] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) where !path.contains("{") {
            for (method, op) in (item as? [String: Any]) ?? [:] {
                guard let op = op as? [String: Any], var body = op["requestBody"] as? [String: Any] else { continue }
                if let ref = body["$ref"] as? String, let named = shared[String(ref.split(separator: "/").last!)] as? [String: Any] {
                    body = named
                }
                guard
                      let content = (body["content"] as? [String: Any])?["application/json"] as? [String: Any],
                      let example = content["example"] else { continue }
                let data = try JSONSerialization.data(withJSONObject: example, options: [.sortedKeys])
                out.append((method.uppercased(), path, String(decoding: data, as: UTF8.self)))
            }
        }
        return out
    }

    @Test("each request example is accepted by its route (never 400, never an invalid field)")
    func examplesAreAccepted() async throws {
        let all = try Self.examples()
        #expect(all.count >= 5)
        try await withServer { h, client in
            let key = try await Harness.addKey(h.store, ["admin", "sender", "provider"], name: "examples")
            for e in all {
                let r = try await client.call(HTTPRequest.Method(e.method)!, e.path, key: key, json: e.json)
                // An example may name an id that this empty server does not have (404); it must
                // never be malformed or invalid input.
                #expect(r.status.code < 400 || r.status == .notFound, "\(e.method) \(e.path) \(e.json): \(r)")
            }
        }
    }
}
