import Foundation
import Hummingbird
import Rules

extension Router where Context == AppContext {
    /// `/healthz`, `/metrics`, `/openapi.yaml`: no key needed.
    func addPublicRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.get, "/healthz", roles: nil, state: state, registry: registry) { _, _ in
            let schema = try await state.store.schemaVersion()
            return try .encoded(HealthBody(status: "ok", version: TextgateVersion.current, rulesVersion: state.rules.ruleset.version,
                                           schemaVersion: schema))
        }
        route(.get, "/metrics", roles: nil, state: state, registry: registry) { _, _ in
            .text(state.metrics.text(rulesVersion: state.rules.ruleset.version), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        route(.get, "/openapi.yaml", roles: nil, state: state, registry: registry) { _, _ in
            .text(OpenAPIDocument.text, contentType: "application/yaml; charset=utf-8")
        }
    }
}

/// The OpenAPI 3.1 document of every route, shipped with the server.
public enum OpenAPIDocument {
    /// The document's text.
    public static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return "openapi: 3.1.0\ninfo: {title: textgate, version: unknown}\npaths: {}\n"
        }
        return text
    }()
}
