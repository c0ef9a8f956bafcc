import Foundation
import HTTPTypes
import Hummingbird
import Messaging

/// Response bodies as JSON: every route encodes a typed body with one encoder, in one form
/// (sorted keys, slashes unescaped, times as ``APITime`` writes them).
enum JSONBody {
    /// The encoder every response uses; `JSONEncoder` copies its options for each call, so one is shared.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, e in
            var c = e.singleValueContainer()
            try c.encode(APITime.string(date))
        }
        return encoder
    }()

    /// `value` as JSON bytes.
    static func data<T: Encodable>(_ value: T) throws -> Data { try encoder.encode(value) }

    /// `value` as JSON text, for answers kept as text (an idempotent request's first answer).
    static func text<T: Encodable>(_ value: T) throws -> String { String(decoding: try data(value), as: UTF8.self) }

    /// An error's body as JSON text. Detail types hold only strings, numbers, dates and lists
    /// of them, whose encoding cannot fail; were it to, the answer keeps the code and message
    /// with empty details rather than losing the error.
    static func errorText(_ envelope: ErrorEnvelope) -> String {
        do { return try text(envelope) } catch {
            var bare = envelope
            bare.error.details = .init(value: nil)
            return (try? text(bare)) ?? "{\"error\":{\"code\":\"internal_error\",\"details\":{},\"message\":\"The error could not be encoded.\"}}"
        }
    }
}

/// Pieces of hand-built JSON, for `POST /v1/messages`'s 201, written by hand on the hot path
/// `make bench-service` measures (as is `POST /v1/check`'s answer, `CheckResponse.json`); every
/// other answer is encoded from its typed body.
enum JSON {
    static func q(_ s: String) -> String { JSONText.quote(s) }
    static func q(_ s: String?) -> String { s.map(JSONText.quote) ?? "null" }
    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func strings(_ items: [String]) -> String { list(items.map(q)) }
    static func time(_ d: Date) -> String { q(APITime.string(d)) }
}

/// Times as the API writes and reads them: RFC 3339 in UTC with milliseconds; read with or
/// without fractional seconds, so a time the API returned can be sent back as it is.
enum APITime {
    /// `d` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, to the nearest millisecond (half up), as `ISO8601DateFormatter`
    /// writes it. Written by hand: a formatter made per call cost more than the rest of a check's answer.
    static func string(_ d: Date) -> String {
        let (seconds, millis) = Int64((d.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)).floorDivided(by: 1000)
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
                v %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2); out.append(UInt8(ascii: "."))
        digits(Int(millis), 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    static func date(_ s: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: s) ?? ISO8601DateFormatter().date(from: s)
    }
}

private extension Int64 {
    /// Quotient rounded down and a remainder that is never negative.
    func floorDivided(by d: Int64) -> (Int64, Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: d)
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}

extension Response {
    /// JSON written by hand (`CheckResponse.json`) as the body.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `value` encoded as the JSON body.
    static func encoded<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONBody.data(value)
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
