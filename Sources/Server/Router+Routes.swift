import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Every route the server registers, recorded so a test can hold them against `openapi.yaml`.
public final class RouteRegistry: Sendable {
    private let entries = Mutex<[String]>([])

    /// `METHOD /path` for every route, in registration order.
    public var routes: [String] { entries.withLock { $0 } }

    func add(_ method: HTTPRequest.Method, _ path: String) {
        entries.withLock { $0.append("\(method.rawValue) \(path)") }
    }

    /// The methods registered for a concrete path (`{name}` matches any one segment), in order.
    func methods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var out: [String] = []
        for entry in routes {
            let parts = entry.split(separator: " ", maxSplits: 1)
            let pattern = parts[1].split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count else { continue }
            let matches = zip(pattern, segments).allSatisfy { p, s in
                p.hasPrefix("{") ? !s.isEmpty : p == s
            }
            if matches, !out.contains(String(parts[0])) { out.append(String(parts[0])) }
        }
        return out
    }
}

/// A route handler.
typealias Handler = @Sendable (Request, AppContext) async throws -> Response

extension Router where Context == AppContext {
    /// Registers a route: records it, refuses a body declared past the limit (413, whether or
    /// not the route reads one) and, on an API route that reads no query (`query` false), any
    /// query parameter (400 `unknown_parameter`, never ignored), authenticates the caller when
    /// `roles` is given (any of them grants access; admin grants everything), then runs the
    /// handler. A GET route answers HEAD too, as RFC 9110 asks of every server: the same status
    /// and headers, no body.
    func route(_ method: HTTPRequest.Method, _ path: String, roles: [Role]?, state: ServerState,
               registry: RouteRegistry, query: Bool = false, _ handler: @escaping Handler) {
        let refusesQuery = !query && (path.hasPrefix("/v1/") || path == "/healthz")
        registry.add(method, path)
        let hbPath = RouterPath(stringLiteral: "/" + path.split(separator: "/")
            .map { $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : String($0) }.joined(separator: "/"))
        let run: Handler = { request, context in
            if let declared = request.headers.single(.contentLength).flatMap({ Int($0) }), declared > context.maxUploadSize {
                throw APIError.tooLarge(limit: context.maxUploadSize)
            }
            if refusesQuery, !request.uri.queryParameters.isEmpty { _ = try QueryReader(request, allowed: []) }
            var context = context
            if let roles { context.caller = try await Auth.require(roles, request: request, state: state) }
            return try await handler(request, context)
        }
        on(hbPath, method: method, use: run)
        guard method == .get else { return }
        on(hbPath, method: .head) { request, context in
            let response = try await run(request, context)
            var headers = response.headers
            headers[.contentLength] = nil
            return Response(status: response.status, headers: headers, body: ResponseBody())
        }
    }
}
