import Foundation

/// `POST /v1/appointments`.
struct AppointmentRequest: RequestBody {
    static let fields = ["recipient", "startsAt", "location", "provider"]
    /// The patient or contact id.
    var recipient: String
    /// When it starts (RFC 3339).
    var startsAt: String
    var location: String?
    var provider: String?
}

/// `PATCH /v1/appointments/{id}`: the fields to change.
struct AppointmentPatch: RequestBody {
    static let fields = ["startsAt", "location", "provider"]
    /// A new start (RFC 3339): pending reminders are replaced.
    var startsAt: String?
    var location: String?
    var provider: String?
}

/// An appointment as the API answers it.
struct AppointmentResponse: Encodable {
    var id: String
    var recipient: String
    var startsAt: Date
    var location: String?
    var provider: String?
    /// `unconfirmed`, `confirmed` or `flagged`.
    var status: String
    var note: String?
    var reminders: [Reminder]
    var createdAt: Date
    var updatedAt: Date

    struct Reminder: Encodable {
        var id: String
        var dueAt: Date
        var state: String
        var reason: String?
        var messageId: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(dueAt, forKey: .dueAt)
            try c.encode(state, forKey: .state)
            try c.encode(reason, forKey: .reason)
            try c.encode(messageId, forKey: .messageId)
        }
        enum CodingKeys: String, CodingKey { case id, dueAt, state, reason, messageId }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(startsAt, forKey: .startsAt)
        try c.encode(location, forKey: .location)
        try c.encode(provider, forKey: .provider)
        try c.encode(status, forKey: .status)
        try c.encode(note, forKey: .note)
        try c.encode(reminders, forKey: .reminders)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
    enum CodingKeys: String, CodingKey { case id, recipient, startsAt, location, provider, status, note, reminders, createdAt, updatedAt }
}
