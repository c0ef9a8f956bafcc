import Foundation
import Hummingbird
import Messaging

/// Reading JSON request bodies with errors that say which field is wrong.
struct RequestBody {
    let object: [String: Any]

    /// The body as a JSON object.
    static func json(_ request: Request, context: AppContext) async throws -> RequestBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw APIError.badJSON("the body is empty") }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw APIError.badJSON("it is not a JSON object (or not valid UTF-8)")
        }
        return RequestBody(object: object)
    }

    /// A string field; nil when absent and optional.
    func string(_ key: String, required: Bool = true) throws -> String? {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw APIError(.badRequest, "missing_field", "The field `\(key)` is required.") }
            return nil
        }
        guard let s = value as? String else { throw APIError(.badRequest, "invalid_field", "The field `\(key)` must be a string.") }
        return s
    }

    /// A list-of-strings field.
    func strings(_ key: String, required: Bool = true) throws -> [String]? {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw APIError(.badRequest, "missing_field", "The field `\(key)` is required.") }
            return nil
        }
        guard let list = value as? [String] else { throw APIError(.badRequest, "invalid_field", "The field `\(key)` must be a list of strings.") }
        return list
    }

    /// Rejects fields this route does not know, naming them.
    func only(_ keys: [String]) throws {
        let unknown = object.keys.filter { !keys.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw APIError(.badRequest, "unknown_field", "Unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "`\($0)`" }.joined(separator: ", ")); expected \(keys.map { "`\($0)`" }.joined(separator: ", ")).")
        }
    }
}

/// Building JSON responses.
enum JSON {
    static func q(_ s: String) -> String { JSONText.quote(s) }
    static func q(_ s: String?) -> String { s.map(JSONText.quote) ?? "null" }
    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func strings(_ items: [String]) -> String { list(items.map(q)) }
    static func time(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return q(f.string(from: d))
    }
    static func time(_ d: Date?) -> String { d.map(time) ?? "null" }
}
