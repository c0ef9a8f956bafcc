import Foundation
import Reporting
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
    var findings: [FindingRecord]
    var omitted: [String: Int]
    var encoding: String
    var segments: Int
    var incomplete: [String]
}
