import Foundation

/// A text to many recipients, sent by the scheduler one recipient at a time.
public struct Broadcast: Sendable, Equatable {
    /// `brd_…`.
    public var id: String
    /// The API key id (or `cli`) that created it.
    public var caller: String
    /// `sms` or `secure`.
    public var kind: String
    /// Notify methods: `sms`, `email`.
    public var notify: [String]
    /// The Mustache template per language code (`en`, `es`); one entry when a single template was given.
    public var templates: [String: String]
    /// The queue replies land in and whose number texts go from, if any.
    public var queue: String?
    /// When sending may start.
    public var scheduledAt: Date
    /// When it was created.
    public var createdAt: Date
    /// When it was cancelled, if it was.
    public var cancelledAt: Date?

    /// A broadcast.
    public init(id: String, caller: String, kind: String, notify: [String], templates: [String: String], queue: String?,
                scheduledAt: Date, createdAt: Date, cancelledAt: Date? = nil) {
        self.id = id; self.caller = caller; self.kind = kind; self.notify = notify; self.templates = templates
        self.queue = queue; self.scheduledAt = scheduledAt; self.createdAt = createdAt; self.cancelledAt = cancelledAt
    }
}

/// A patient's appointment, which reminders are sent for.
public struct Appointment: Sendable, Equatable {
    /// `apt_…`.
    public var id: String
    /// The patient or contact.
    public var recipientId: String
    /// When it starts.
    public var startsAt: Date
    /// Where, if given.
    public var location: String?
    /// With whom, if given.
    public var provider: String?
    /// `unconfirmed`, `confirmed` (the patient replied C, YES, SÍ…) or `flagged` (for staff).
    public var status: String
    /// Why it is flagged (a reschedule or a possible cancellation), if it is.
    public var note: String?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    /// An appointment.
    public init(id: String, recipientId: String, startsAt: Date, location: String? = nil, provider: String? = nil,
                status: String = "unconfirmed", note: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id; self.recipientId = recipientId; self.startsAt = startsAt; self.location = location
        self.provider = provider; self.status = status; self.note = note; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What became of one scheduled text.
public enum SendState: String, Sendable, Equatable, CaseIterable, Codable {
    /// Not yet handled.
    case pending
    /// Handed to the transport.
    case sent
    /// Not sent, for a recorded reason (opted out, blocked, unsendable, blocked text, cancelled).
    case skipped
    /// The transport failed.
    case failed
}

/// What a scheduled text belongs to.
public enum SendSource: String, Sendable, Equatable, Codable {
    /// One recipient of a broadcast.
    case broadcast
    /// One reminder of an appointment.
    case reminder
}

/// One text the scheduler sends at `dueAt`: a broadcast's recipient or an appointment's reminder.
public struct ScheduledSend: Sendable, Equatable {
    /// For a broadcast `<broadcast id>_<recipient id>` (so a recipient is in it once); `rem_…` for a reminder.
    public var id: String
    /// Broadcast or reminder.
    public var source: SendSource
    /// The broadcast's or the appointment's id.
    public var parentId: String
    /// The recipient.
    public var recipientId: String
    /// For a reminder, how many seconds before the appointment it was set for; 0 for a broadcast.
    public var offsetSeconds: Int
    /// When it is due (moved out of quiet hours as needed).
    public var dueAt: Date
    /// Its state.
    public var state: SendState
    /// Why it was skipped or failed.
    public var reason: String?
    /// The message sent for it.
    public var messageId: String?
    /// How many times it has been claimed.
    public var attempts: Int
    /// The worker holding it.
    public var claimedBy: String?
    /// When that worker's claim runs out.
    public var leaseUntil: Date?
    /// When it was created.
    public var createdAt: Date
    /// When its state last changed.
    public var updatedAt: Date

    /// A scheduled send.
    public init(id: String, source: SendSource, parentId: String, recipientId: String, offsetSeconds: Int = 0, dueAt: Date,
                state: SendState = .pending, reason: String? = nil, messageId: String? = nil, attempts: Int = 0,
                claimedBy: String? = nil, leaseUntil: Date? = nil, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id; self.source = source; self.parentId = parentId; self.recipientId = recipientId
        self.offsetSeconds = offsetSeconds; self.dueAt = dueAt; self.state = state; self.reason = reason
        self.messageId = messageId; self.attempts = attempts; self.claimedBy = claimedBy; self.leaseUntil = leaseUntil
        self.createdAt = createdAt; self.updatedAt = updatedAt ?? createdAt
    }
}

/// Templates per language as stored: JSON text with sorted keys.
public enum TemplateText {
    /// The JSON text of `templates`.
    public static func encode(_ templates: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding [String: String] cannot fail.
        return (try? encoder.encode(templates)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The templates in stored JSON text, or nil when it is not a JSON object of strings.
    public static func decode(_ text: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
