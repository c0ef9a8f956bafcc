import Foundation
import Hummingbird
import Storage

/// A route's query parameters, checked: unknown names and malformed values are refused with
/// 400 naming the parameter, never ignored.
struct QueryReader {
    let parameters: [String: String]

    /// The query of `request`, which may use only `allowed` names, each at most once.
    init(_ request: Request, allowed: [String]) throws {
        var seen: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                throw APIError(.badRequest, "unknown_parameter",
                               "Unknown query parameter `\(name)`; this route takes \(allowed.isEmpty ? "none" : allowed.map { "`\($0)`" }.joined(separator: ", ")).")
            }
            guard seen[name] == nil else {
                throw APIError(.badRequest, "invalid_parameter", "The query parameter `\(name)` is given twice; give it once.")
            }
            seen[name] = String(value).removingPercentEncoding ?? String(value)
        }
        parameters = seen
    }

    /// A text parameter.
    func string(_ name: String) -> String? { parameters[name] }

    /// `true` or `false`; `fallback` when absent.
    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let s = parameters[name] else { return fallback }
        switch s {
        case "true": return true
        case "false": return false
        default: throw Self.invalid(name, "must be `true` or `false`, not `\(s)`")
        }
    }

    /// A whole number in `range`; `fallback` when absent.
    func int(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let s = parameters[name] else { return fallback }
        guard let n = Int(s), range.contains(n) else {
            throw Self.invalid(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(s)`")
        }
        return n
    }

    /// An RFC 3339 time, as the API writes them.
    func time(_ name: String) throws -> Date? {
        guard let s = parameters[name] else { return nil }
        guard let d = APITime.date(s) else {
            throw Self.invalid(name, "must be an RFC 3339 time such as 2026-01-31T09:00:00Z or 2026-01-31T09:00:00.250Z, not `\(s)`")
        }
        return d
    }

    /// One of `values`.
    func oneOf(_ name: String, _ values: [String]) throws -> String? {
        guard let s = parameters[name] else { return nil }
        guard values.contains(s) else { throw Self.invalid(name, "must be one of \(values.map { "`\($0)`" }.joined(separator: ", ")), not `\(s)`") }
        return s
    }

    /// The page asked for by `limit` (1 to 1000, default 100), `cursor`, `from` and `to`.
    func page() throws -> Page {
        var after: PageCursor?
        if let token = parameters["cursor"] {
            guard let cursor = PageCursor(token: token) else {
                throw Self.invalid("cursor", "is not a cursor this API returned; pass `nextCursor` from the previous page as it is")
            }
            after = cursor
        }
        return Page(limit: try int("limit", in: 1...1000, default: 100), after: after, from: try time("from"), to: try time("to"))
    }

    /// A 400 `invalid_parameter` naming parameter `name` and what is wrong with it.
    static func invalid(_ name: String, _ what: String) -> APIError {
        APIError(.badRequest, "invalid_parameter", "The query parameter `\(name)` \(what).", detail: ParameterDetail(parameter: name))
    }
}
