import Reporting

/// What a refusal names for programs to act on, one shape per kind of refusal: the error's
/// `details` object in the API.
public enum SendErrorDetails: Encodable, Sendable, Equatable {
    /// The patient opted out: `phone`, `practiceNumber`, `optedOutAt`, `source`, `text`, `remedy`;
    /// or, when the carrier refused the number, `phone`, `practiceNumber`, `source` (`provider`)
    /// and `providerCode`.
    case optedOut(OptedOut)
    /// Fields of the request that are invalid, each with what is wrong: `{"fields": {name: problem}}`.
    case invalidFields([String: String])
    /// A text past its length limit: `limit`, `unit` (`characters` or `segments`), `size`, and an
    /// SMS's `encoding`.
    case tooLong(Length)
    /// A notify method the recipient lacks fields for: `method`, `missing`.
    case notSendable(method: String, missing: [String])
    /// The rules blocked the text: `rulesVersion`, `findings`, and `incomplete` (the rules that
    /// could not finish; left out when every rule finished).
    case blocked(rulesVersion: String, findings: [FindingRecord], incomplete: [String] = [])
    /// Broadcast templates the rules blocked: `templates`, each with `language`, `rulesVersion`, `findings`.
    case templatesBlocked([TemplateFindings])
    /// Ids that name no one: `missing`.
    case missing([String])

    /// An opt-out that stops a send.
    public struct OptedOut: Encodable, Sendable, Equatable {
        public var phone: String
        public var practiceNumber: String
        public var optedOutAt: String?
        public var source: String
        public var text: String?
        public var remedy: String?
        public var providerCode: Int?

        /// The opt-out's fields; those not given are left out of the JSON.
        public init(phone: String, practiceNumber: String, optedOutAt: String? = nil, source: String,
                    text: String? = nil, remedy: String? = nil, providerCode: Int? = nil) {
            self.phone = phone; self.practiceNumber = practiceNumber; self.optedOutAt = optedOutAt; self.source = source
            self.text = text; self.remedy = remedy; self.providerCode = providerCode
        }
    }

    /// A length limit and the size that broke it.
    public struct Length: Encodable, Sendable, Equatable {
        public var limit: Int
        public var unit: String
        public var size: Int
        public var encoding: String?
    }

    /// One broadcast template's findings.
    public struct TemplateFindings: Encodable, Sendable, Equatable {
        public var language: String
        public var rulesVersion: String
        public var findings: [FindingRecord]

        /// A template's findings.
        public init(language: String, rulesVersion: String, findings: [FindingRecord]) {
            self.language = language; self.rulesVersion = rulesVersion; self.findings = findings
        }
    }

    private enum Keys: String, CodingKey { case fields, method, missing, rulesVersion, findings, incomplete, templates }

    /// The case's fields as one JSON object.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .optedOut(let d): try d.encode(to: encoder)
        case .tooLong(let d): try d.encode(to: encoder)
        case .invalidFields(let fields):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(fields, forKey: .fields)
        case .notSendable(let method, let missing):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(method, forKey: .method)
            try c.encode(missing, forKey: .missing)
        case .blocked(let rulesVersion, let findings, let incomplete):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(rulesVersion, forKey: .rulesVersion)
            try c.encode(findings, forKey: .findings)
            if !incomplete.isEmpty { try c.encode(incomplete, forKey: .incomplete) }
        case .templatesBlocked(let templates):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(templates, forKey: .templates)
        case .missing(let ids):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(ids, forKey: .missing)
        }
    }
}
