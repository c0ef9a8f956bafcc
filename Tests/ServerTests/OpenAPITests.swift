import Foundation
import Server
import Testing
import Yams

@Suite("openapi.yaml")
struct OpenAPITests {
    static func document() throws -> [String: Any] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// `METHOD /path` for every operation in the document.
    static func operations(_ doc: [String: Any]) throws -> Set<String> {
        let paths = try #require(doc["paths"] as? [String: Any])
        var out: Set<String> = []
        for (path, item) in paths {
            let methods = try #require(item as? [String: Any], "\(path)")
            for method in methods.keys where method != "parameters" && method != "summary" && method != "description" {
                out.insert("\(method.uppercased()) \(path)")
            }
        }
        return out
    }

    static func registry() async throws -> RouteRegistry {
        let h = try await Harness.make()
        let registry = TextgateServer.router(state: h.state).1
        await h.close()
        return registry
    }

    @Test("every route the router has is in the document")
    func routesAreDocumented() async throws {
        let documented = try Self.operations(Self.document())
        let routes = try await Self.registry().routes
        #expect(routes.count == Set(routes).count, "a route is registered twice")
        let missing = Set(routes).subtracting(documented).sorted()
        #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing)")
    }

    @Test("every operation in the document is a route the router has")
    func documentHasNoExtraRoutes() async throws {
        let documented = try Self.operations(Self.document())
        let routes = Set(try await Self.registry().routes)
        let extra = documented.subtracting(routes).sorted()
        #expect(extra.isEmpty, "operations in openapi.yaml the server does not have: \(extra)")
        #expect(documented.count == 51)
    }

    @Test("the repo-root openapi.yaml is the document the server serves")
    func rootIsServed() throws {
        let root = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(root == OpenAPIDocument.text)
        #expect(root.hasPrefix("openapi: 3.1.0"))
    }

    @Test("every /v1 operation needs a key and documents 401 and 403; the public ones need none")
    func security() throws {
        let doc = try Self.document()
        let schemes = (doc["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        let bearer = try #require(schemes?["bearer"] as? [String: Any])
        #expect(bearer["type"] as? String == "http")
        #expect(bearer["scheme"] as? String == "bearer")
        let paths = try #require(doc["paths"] as? [String: Any])
        for (path, item) in paths {
            for (method, value) in try #require(item as? [String: Any]) where method != "parameters" {
                let op = try #require(value as? [String: Any])
                let responses = try #require(op["responses"] as? [String: Any], "\(method) \(path)")
                if path.hasPrefix("/v1/") {
                    #expect(op["security"] == nil, "\(method) \(path) overrides security")
                    #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path)")
                    let description = op["description"] as? String ?? ""
                    #expect(description.contains("Role: `"), "\(method) \(path) does not name its role")
                } else {
                    #expect((op["security"] as? [Any])?.isEmpty == true, "\(method) \(path) should need no key")
                }
            }
        }
    }

    @Test("the Error schema lists every error code the server produces")
    func errorCodes() throws {
        let doc = try Self.document()
        let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let error = try #require(schemas["Error"] as? [String: Any])
        let inner = try #require(((error["properties"] as? [String: Any])?["error"] as? [String: Any])?["properties"] as? [String: Any])
        let documented = Set(try #require((inner["code"] as? [String: Any])?["enum"] as? [String]))
        var produced: Set<String> = ["patient_not_found", "contact_not_found", "route_not_found", "method_not_allowed", "conflict"]
        let sources = packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let patterns = [#"APIError\(\.[a-zA-Z]+, "([a-z_]+)""#, #"code: "([a-z_]+)""#, #"notFound\("([a-z_]+)""#]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (i, pattern) in patterns.enumerated() {
                let regex = try NSRegularExpression(pattern: pattern)
                for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let code = String(text[Range(m.range(at: 1), in: text)!])
                    produced.insert(i == 2 ? code + "_not_found" : code)
                }
            }
        }
        #expect(produced.count > 25)
        let undocumented = produced.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "codes missing from the Error schema: \(undocumented)")
    }

    @Test("every $ref in the document points at something")
    func refsResolve() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let doc = try Self.document()
        let regex = try NSRegularExpression(pattern: ##"\$ref: "#/([^"]+)""##)
        let refs = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
            .map { String(text[Range($0.range(at: 1), in: text)!]) }
        #expect(!refs.isEmpty)
        for ref in Set(refs) {
            var node: Any? = doc
            for part in ref.split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            #expect(node != nil, "unresolved $ref #/\(ref)")
        }
    }

    @Test("the audit trail's decision filter takes exactly what the document's pattern allows")
    func auditDecisionPattern() async throws {
        let doc = try Self.document()
        let audit = try #require(((doc["paths"] as? [String: Any])?["/v1/audit"] as? [String: Any])?["get"] as? [String: Any])
        let parameters = try #require(audit["parameters"] as? [[String: Any]])
        let decision = try #require(parameters.first { $0["name"] as? String == "decision" })
        let pattern = try #require((decision["schema"] as? [String: Any])?["pattern"] as? String)
        try await withServer { h, client in
            for value in ["allow", "warn", "block", "recipient_opted_out", "message_blocked", "", "bogus", "Allow", "opted_", "_x", "a b"] {
                let documented = value.range(of: pattern, options: .regularExpression) != nil
                let query = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
                let reply = try await client.call(.get, "/v1/audit?decision=\(query)", key: h.keys.admin)
                #expect((reply.status == .ok) == documented, "`\(value)`: \(reply.status), documented \(documented)")
                if !documented { #expect(reply.status == .badRequest, "`\(value)`") }
            }
        }
    }
}
