import Foundation
import HTTPTypes
import Hummingbird
import Messaging

/// Pieces of hand-built JSON responses.
enum JSON {
    static func q(_ s: String) -> String { JSONText.quote(s) }
    static func q(_ s: String?) -> String { s.map(JSONText.quote) ?? "null" }
    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    static func strings(_ items: [String]) -> String { list(items.map(q)) }
    static func time(_ d: Date) -> String { q(APITime.string(d)) }
    static func time(_ d: Date?) -> String { d.map(time) ?? "null" }
}

/// Times as the API writes and reads them: RFC 3339 in UTC with milliseconds; read with or
/// without fractional seconds, so a time the API returned can be sent back as it is.
enum APITime {
    static func string(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }

    static func date(_ s: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: s) ?? ISO8601DateFormatter().date(from: s)
    }
}

extension Response {
    /// `value` encoded as the JSON body.
    static func encoded<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, e in
            var c = e.singleValueContainer()
            try c.encode(APITime.string(date))
        }
        let data = try encoder.encode(value)
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
