import Foundation
import Hummingbird
import Messaging
import NIOCore
import Rules

/// A JSON request body: a `Decodable` type and the fields it takes.
protocol RequestBody: Decodable, Sendable {
    /// Every field the route accepts; any other is refused, naming the valid ones.
    static var fields: [String] { get }
}

/// Reading request bodies so that every way a body can be wrong has its own answer: too large
/// (413), not UTF-8, not JSON, an unknown field, a `null`, a wrong type (400).
enum BodyReader {
    /// The body's bytes, at most `context.maxUploadSize` of them.
    /// - Throws: 413 `payload_too_large` past the limit.
    static func bytes(_ request: Request, context: AppContext) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: context.maxUploadSize)
        }
    }

    /// The body decoded as `T`.
    static func decode<T: RequestBody>(_ type: T.Type, _ request: Request, context: AppContext) async throws -> T {
        let buffer = try await bytes(request, context: context)
        return try decode(type, Data(buffer.readableBytesView))
    }

    /// `data` decoded as `T`, strictly.
    static func decode<T: RequestBody>(_ type: T.Type, _ data: Data) throws -> T {
        guard !data.isEmpty else { throw APIError.badJSON("the body is empty; send a JSON object") }
        if let offset = data.withUnsafeBytes({ UTF8Check.firstInvalidByte($0.bindMemory(to: UInt8.self)) }) {
            throw APIError(.badRequest, "invalid_utf8", "The request body is not valid UTF-8 (byte \(offset)); send it as UTF-8.",
                           details: "{\"byteOffset\":\(offset)}")
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw APIError.badJSON("it is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw APIError.badJSON("it is not a JSON object") }
        let unknown = object.keys.filter { !T.fields.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw APIError(.badRequest, "unknown_field", "Unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "`\($0)`" }.joined(separator: ", ")); expected \(T.fields.map { "`\($0)`" }.joined(separator: ", ")).")
        }
        if let key = object.keys.sorted().first(where: { object[$0] is NSNull }) {
            throw APIError(.badRequest, "invalid_field", "The field `\(key)` is null; send a value or leave the field out.",
                           details: "{\"field\":\(JSONText.quote(key))}")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.decoding(error)
        }
    }
}

extension APIError {
    /// 413 for a body past the limit.
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "payload_too_large",
                 "The request body is larger than the limit of \(limit) bytes; send a smaller body.",
                 details: "{\"limitBytes\":\(limit)}")
    }

    /// A decoding failure, naming the field and what it must be.
    static func decoding(_ error: DecodingError) -> APIError {
        func name(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop(while: { $0 == "." }).description
        }
        switch error {
        case .keyNotFound(let key, let c):
            let field = name(c.codingPath + [key])
            return APIError(.badRequest, "missing_field", "The field `\(field)` is required.", details: "{\"field\":\(JSONText.quote(field))}")
        case .typeMismatch(let type, let c), .valueNotFound(let type, let c):
            let field = name(c.codingPath)
            return APIError(.badRequest, "invalid_field", "The field `\(field)` must be \(describe(type)).",
                            details: "{\"field\":\(JSONText.quote(field))}")
        case .dataCorrupted(let c):
            let field = name(c.codingPath)
            return APIError(.badRequest, "invalid_field", "The field `\(field)` is invalid: \(c.debugDescription)",
                            details: "{\"field\":\(JSONText.quote(field))}")
        @unknown default:
            return APIError.badJSON("it does not have the shape this route expects")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [String].Type: return "a list of strings"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default: return "a \(type)"
        }
    }
}
