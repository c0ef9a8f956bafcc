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
}
