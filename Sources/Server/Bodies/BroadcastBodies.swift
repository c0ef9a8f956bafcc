import Foundation
import Reporting

/// `POST /v1/broadcasts`.
struct BroadcastRequest: RequestBody, IdempotentRequest {
    static let fields = ["template", "recipients", "queue", "notify", "kind", "scheduledAt", "idempotencyKey"]
    /// One Mustache template, or one per language code.
    var template: TemplateVariants
    /// Patient or contact ids, or every patient.
    var recipients: BroadcastRecipients
    /// The queue replies land in; texts go from its number.
    var queue: String?
    /// `sms` (default) and/or `email`.
    var notify: [String]?
    /// `sms` (default) or `secure`.
    var kind: String?
    /// When to start (RFC 3339); now when absent.
    var scheduledAt: String?
    /// A unique key per broadcast: a retry with the same key creates nothing new.
    var idempotencyKey: String
}

/// A template given as one text, or as `{"en": ..., "es": ...}`.
enum TemplateVariants: Codable, Equatable {
    case single(String)
    case languages([String: String])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) { self = .single(text); return }
        guard let map = try? c.decode([String: String].self) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected a text, or an object of language codes to texts such as {\"en\": \"...\", \"es\": \"...\"}"))
        }
        self = .languages(map)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .single(let t): try c.encode(t)
        case .languages(let m): try c.encode(m)
        }
    }
}

/// Recipients given as a list of ids, or as `{"allPatients": true}`.
enum BroadcastRecipients: Codable, Equatable {
    case ids([String])
    case allPatients

    private enum Keys: String, CodingKey { case allPatients, queue }

    init(from decoder: any Decoder) throws {
        if let ids = try? decoder.singleValueContainer().decode([String].self) { self = .ids(ids); return }
        let problem = "expected a list of patient or contact ids, or {\"allPatients\": true}"
        guard let c = try? decoder.container(keyedBy: Keys.self) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        if c.contains(.queue) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "queues have no members, so a queue is not a list of recipients; list ids or send {\"allPatients\": true}, and name the queue in `queue` for replies"))
        }
        guard (try? c.decode(Bool.self, forKey: .allPatients)) == true, c.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
        self = .allPatients
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .ids(let ids):
            var c = encoder.singleValueContainer()
            try c.encode(ids)
        case .allPatients:
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(true, forKey: .allPatients)
        }
    }
}

/// A broadcast as the API answers it.
struct BroadcastResponse: Encodable {
    var id: String
    /// `scheduled`, `running`, `done` or `cancelled`.
    var status: String
    var kind: String
    var notify: [String]
    var queue: String?
    var languages: [String]
    var scheduledAt: Date
    var createdAt: Date
    var cancelledAt: Date?
    var counts: Counts
    /// Skipped recipients with reasons, a page at a time.
    var skipped: PageBody<Skipped>

    struct Counts: Encodable {
        var sent: Int
        var skipped: Int
        var failed: Int
        var pending: Int
    }

    struct Skipped: Encodable {
        var recipient: String
        var reason: String
        var at: Date
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(status, forKey: .status)
        try c.encode(kind, forKey: .kind)
        try c.encode(notify, forKey: .notify)
        try c.encode(queue, forKey: .queue)
        try c.encode(languages, forKey: .languages)
        try c.encode(scheduledAt, forKey: .scheduledAt)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(cancelledAt, forKey: .cancelledAt)
        try c.encode(counts, forKey: .counts)
        try c.encode(skipped, forKey: .skipped)
    }
    enum CodingKeys: String, CodingKey {
        case id, status, kind, notify, queue, languages, scheduledAt, createdAt, cancelledAt, counts, skipped
    }
}

/// `POST /v1/broadcasts`'s answer: the broadcast as created, and how each language's template checked.
struct BroadcastCreatedBody: Encodable, Sendable {
    var id: String
    var status: String
    /// How many recipients it will go to.
    var recipients: Int
    var scheduledAt: Date
    var templates: [TemplateCheck]

    /// One language's template: its decision and findings (a blocked one refuses the broadcast).
    struct TemplateCheck: Encodable, Sendable {
        var language: String
        var decision: String
        var findings: [FindingRecord]
    }
}
