import Foundation
import Rules

/// One finding as the API reports and stores it: the fields of a `jsonl` record's finding.
public struct FindingRecord: Codable, Sendable, Equatable {
    public var rule: String
    public var category: String
    public var severity: String
    public var message: String
    public var match: String
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int
    public var suggestion: String?

    /// The record of `f`.
    public init(_ f: Finding) {
        rule = f.rule; category = f.category; severity = f.severity.rawValue; message = f.message; match = f.match
        start = f.start; end = f.end; line = f.line; column = f.column; suggestion = f.suggestion
    }

    /// Every field, `suggestion` as null when there is none: the form the audit trail stores.
    public func encode(to encoder: any Encoder) throws {
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
    public static func stored(_ json: String) throws -> [FindingRecord] {
        try JSONDecoder().decode([FindingRecord].self, from: Data(json.utf8))
    }
}
