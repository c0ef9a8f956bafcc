import Foundation
import Rules

/// `POST /v1/check`: the text to check and how it will go out.
struct CheckRequest: RequestBody {
    static let fields = ["text", "channel", "allowDomains", "language"]
    /// The message as it would be sent.
    var text: String
    /// `sms` (the default), `secure` or `email`.
    var channel: String?
    /// Domains allowed beside the rules' own, for this check only.
    var allowDomains: [String]?
    /// The language of the findings' messages and suggestions (`en`, the default, or `es`).
    var language: String?
}

/// The pre-send hook's answer.
struct CheckResponse: Encodable {
    var decision: String
    var rulesVersion: String
    var findings: [FindingBody]
    var omitted: [String: Int]
    var encoding: String
    var segments: Int
    var incomplete: [String]
}

/// One finding, as every route reports it.
struct FindingBody: Codable, Sendable {
    var rule: String
    var category: String
    var severity: String
    var message: String
    var match: String
    var start: Int
    var end: Int
    var line: Int
    var column: Int
    var suggestion: String?

    init(_ f: Finding) {
        rule = f.rule; category = f.category; severity = f.severity.rawValue; message = f.message; match = f.match
        start = f.start; end = f.end; line = f.line; column = f.column; suggestion = f.suggestion
    }

    private enum CodingKeys: String, CodingKey {
        case rule, category, severity, message, match, start, end, line, column, suggestion
    }

    /// Every field, `suggestion` as null when there is none: the form the audit trail stores.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(category, forKey: .category)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        try c.encode(match, forKey: .match)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(suggestion, forKey: .suggestion)
    }

    /// Findings as a record stores them (`FindingsJSON`).
    /// - Throws: when `json` is not the JSON the API wrote.
    static func stored(_ json: String) throws -> [FindingBody] {
        try JSONDecoder().decode([FindingBody].self, from: Data(json.utf8))
    }
}
