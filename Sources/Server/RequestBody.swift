import Foundation
import Hummingbird
import Messaging
import NIOCore
import Rules

/// A JSON request body: a `Decodable` type and the fields it takes.
protocol RequestBody: Decodable, Sendable {
    /// Every field the route accepts; any other is refused, naming the valid ones.
    static var fields: [String] { get }
    /// The body read without `JSONDecoder`, on a route a benchmark measures: nil for anything
    /// but the plain shape, which the strict decoding then reads or refuses.
    static func fast(_ body: UnsafeRawBufferPointer) -> Self?
}

extension RequestBody {
    static func fast(_ body: UnsafeRawBufferPointer) -> Self? { nil }
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
        // The fast reading counts only for valid UTF-8; the strict decoding answers the rest.
        let fast = buffer.withUnsafeReadableBytes { body in
            T.fast(body).flatMap { UTF8Check.firstInvalidByte(body.bindMemory(to: UInt8.self)) == nil ? $0 : nil }
        }
        if let fast { return fast }
        return try decode(type, Data(buffer.readableBytesView))
    }

    /// `data` decoded as `T`, strictly: the body must be JSON (RFC 8259: no trailing comma,
    /// which the decoder alone would take) and an object, every field one `T` takes, none
    /// `null`, each of the type `T` expects. `lenient` takes what the decoder takes, for a
    /// provider's inbound text, which is never refused for a slip a patient did not make.
    static func decode<T: RequestBody>(_ type: T.Type, _ data: Data, lenient: Bool = false) throws -> T {
        guard !data.isEmpty else { throw APIError.badJSON("the body is empty; send a JSON object") }
        if let offset = data.withUnsafeBytes({ UTF8Check.firstInvalidByte($0.bindMemory(to: UInt8.self)) }) {
            throw APIError(.badRequest, "invalid_utf8", "The request body is not valid UTF-8 (byte \(offset)); send it as UTF-8.",
                           detail: ByteOffsetDetail(byteOffset: offset))
        }
        if !lenient, let problem = JSONSyntax.firstProblem(Array(data)) {
            throw APIError.badJSON("it is not valid JSON at \(problem.description)")
        }
        do {
            return try decoder.decode(Strict<T>.self, from: data).value
        } catch let refusal as Strict<T>.Refusal {
            switch refusal {
            case .notAnObject: throw APIError.badJSON("it is not a JSON object")
            case .unknown(let unknown):
                throw APIError(.badRequest, "unknown_field", "Unknown field\(unknown.count == 1 ? "" : "s") \(unknown.map { "`\($0)`" }.joined(separator: ", ")); expected \(T.fields.map { "`\($0)`" }.joined(separator: ", ")).")
            case .null(let key):
                throw APIError(.badRequest, "invalid_field", "The field `\(key)` is null; send a value or leave the field out.",
                               detail: FieldDetail(field: key))
            case .decoding(let error): throw APIError.decoding(error)
            case .notWhole(let field):
                throw APIError(.badRequest, "invalid_field", "The field `\(field)` must be a whole number.", detail: FieldDetail(field: field))
            }
        } catch is DecodingError {
            // Thrown before `Strict` saw the body: the JSON itself is malformed. The decoder does
            // not say where; the syntax check does (a strict body already passed it above).
            let place = lenient ? JSONSyntax.firstProblem(Array(data)).map { " at \($0.description)" } ?? "" : ""
            throw APIError.badJSON("it is not valid JSON" + place)
        }
    }

    /// One decoder for every body: `JSONDecoder` copies its options for each call.
    private static let decoder = JSONDecoder()
}

/// `T` read from a JSON object after its keys are checked against `T.fields` and for `null`, on
/// the one parse of the body that `JSONDecoder` makes.
private struct Strict<T: RequestBody>: Decodable {
    var value: T

    /// Why a body was refused before or while `T` was read.
    enum Refusal: Error {
        case notAnObject
        case unknown([String])
        case null(String)
        case decoding(DecodingError)
        /// A number where a whole one is needed (`1.5`), which `JSONDecoder` reports as invalid JSON.
        case notWhole(String)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let object: KeyedDecodingContainer<AnyKey>
        do { object = try decoder.container(keyedBy: AnyKey.self) } catch { throw Refusal.notAnObject }
        // Closures, not key paths: a key path into a type nested in a generic one is built anew
        // on every call, and this runs on every request.
        let keys = object.allKeys.map { $0.stringValue }
        let unknown = keys.filter { !T.fields.contains($0) }
        guard unknown.isEmpty else { throw Refusal.unknown(unknown.sorted()) }
        let nulls = try keys.filter { try object.decodeNil(forKey: AnyKey(stringValue: $0)) }
        if let first = nulls.min() { throw Refusal.null(first) }
        do { value = try T(from: decoder) } catch let error as DecodingError { throw Refusal.decoding(error) } catch {
            // JSONDecoder names no field for a number that does not fit an integer: the field is
            // the one whose number reads as a Double and not as an Int.
            let field = keys.sorted().first { k in
                let key = AnyKey(stringValue: k)
                return (try? object.decode(Double.self, forKey: key)) != nil && (try? object.decode(Int.self, forKey: key)) == nil
            }
            guard let field else { throw error }
            throw Refusal.notWhole(field)
        }
    }
}

extension APIError {
    /// 413 for a body past the limit.
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "payload_too_large",
                 "The request body is larger than the limit of \(limit) bytes; send a smaller body.",
                 detail: LimitDetail(limitBytes: limit))
    }

    /// A decoding failure, naming the field and what it must be.
    static func decoding(_ error: DecodingError) -> APIError {
        func name(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop(while: { $0 == "." }).description
        }
        switch error {
        case .keyNotFound(let key, let c):
            let field = name(c.codingPath + [key])
            return APIError(.badRequest, "missing_field", "The field `\(field)` is required.", detail: FieldDetail(field: field))
        case .typeMismatch(let type, let c), .valueNotFound(let type, let c):
            let field = name(c.codingPath)
            return APIError(.badRequest, "invalid_field", "The field `\(field)` must be \(describe(type)).",
                            detail: FieldDetail(field: field))
        case .dataCorrupted(let c):
            let field = name(c.codingPath)
            return APIError(.badRequest, "invalid_field", "The field `\(field)` is invalid: \(c.debugDescription)",
                            detail: FieldDetail(field: field))
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
