import HTTPTypes
import Hummingbird
import NIOCore
import Messaging
import SecureLinks
import Storage

/// An error a caller can act on: HTTP status, a stable `code`, a message, and details.
/// Rendered as `{"error": {"code", "message", "details"}}`.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// Stable machine-readable cause.
    public var code: String
    /// What is wrong and what to do.
    public var message: String
    /// Details (encoded as an object), or nil for `{}`.
    public var details: (any Encodable & Sendable)?
    /// Headers to send with it (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    /// An error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String,
                details: (any Encodable & Sendable)? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// An error whose details are a typed value.
    init<Details: Encodable & Sendable>(_ status: HTTPResponse.Status, _ code: String, _ message: String, detail: Details,
                                        headers: HTTPFields = [:]) {
        self.init(status, code, message, details: detail, headers: headers)
    }

    /// The JSON body, `{"error": {"code", "details", "message"}}`.
    public var body: String { JSONBody.errorText(ErrorEnvelope(self)) }

    /// The response.
    public var response: Response { Response.json(body, status: status, headers: headers) }

    /// A send refusal with its status.
    public init(_ e: SendError) {
        let status: HTTPResponse.Status
        switch e.kind {
        case .invalid: status = .unprocessableContent
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .blocked: status = .unprocessableContent
        case .unavailable: status = e.code == "transport_failed" ? .badGateway : .serviceUnavailable
        case .unsupported: status = .notImplemented
        }
        self.init(status, e.code, e.message, details: e.details)
    }

    /// A store failure.
    public init(_ e: StorageError) {
        switch e {
        case .conflict(let what): self.init(.conflict, "conflict", "Already exists: \(what).")
        default: self.init(.serviceUnavailable, "storage_unavailable", "The store failed: \(e).")
        }
    }

    static func badJSON(_ detail: String) -> APIError {
        APIError(.badRequest, "invalid_json", "The request body is not the JSON this route expects: \(detail).")
    }

    static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(.notFound, "\(what)_not_found", "No \(what) has id `\(id)`.")
    }
}

extension Response {
    /// A JSON response.
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A plain-text response.
    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Turns every error into the JSON error shape; nothing a caller can fix is a bare 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    /// The routes, to tell a wrong method (405) from an unknown path (404).
    let registry: RouteRegistry

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as HTTPError where e.status == .notFound {
            let allowed = registry.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else {
                return APIError(.notFound, "route_not_found", "No route \(request.method) \(request.uri.path); see /openapi.yaml.").response
            }
            let allow = (allowed + (allowed.contains("GET") ? ["HEAD"] : []) + ["OPTIONS"]).joined(separator: ", ")
            if request.method == .options {
                return Response(status: .noContent, headers: [.allow: allow])
            }
            return APIError(.methodNotAllowed, "method_not_allowed",
                            "\(request.uri.path) does not take \(request.method); it takes \(allowed.joined(separator: ", ")).",
                            headers: [.allow: allow]).response
        } catch let e as APIError {
            return e.response
        } catch let e as SendError {
            return APIError(e).response
        } catch let e as StorageError {
            return APIError(e).response
        } catch let e as SecureLinkError {
            switch e {
            case .storage(let s): return APIError(s).response
            case .pinHashFailed:
                // Refused and logged, never answered with a weaker hash.
                context.logger.error("PIN hashing failed; sign-in refused", metadata: ["error": "\(e)"])
                return APIError(.serviceUnavailable, "pin_unavailable",
                                "Your PIN cannot be checked right now; please try again in a few minutes.").response
            }
        } catch is NIOTooManyBytesError {
            return APIError.tooLarge(limit: context.maxUploadSize).response
        } catch let e as HTTPError {
            let code = e.status == .notFound ? "route_not_found" : e.status == .methodNotAllowed ? "method_not_allowed" : "http_\(e.status.code)"
            let message = e.status == .notFound ? "No route \(request.method) \(request.uri.path); see /openapi.yaml." : (e.body ?? e.status.reasonPhrase)
            return APIError(e.status, code, message).response
        } catch {
            context.logger.error("unexpected error", metadata: ["type": "\(type(of: error))"])
            return APIError(.internalServerError, "internal_error", "An unexpected error occurred; it has been logged.").response
        }
    }
}
