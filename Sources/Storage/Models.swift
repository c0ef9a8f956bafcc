import Foundation

/// An API key as stored: only its SHA-256 hash, never the key.
public struct StoredKey: Sendable, Equatable {
    /// Short public id (shown by `keys list`, used by `keys revoke`).
    public var id: String
    /// A name for people.
    public var name: String
    /// Roles: `sender`, `admin`, `provider`.
    public var roles: [String]
    /// Hex SHA-256 of the key.
    public var hash: String
    /// When it was created.
    public var createdAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// A key record.
    public init(id: String, name: String, roles: [String], hash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id; self.name = name; self.roles = roles; self.hash = hash
        self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}

/// Patient or contact.
public enum RecipientKind: String, Sendable, Codable, CaseIterable {
    case patient, contact
}

/// Someone a practice texts: a patient or a contact.
public struct Recipient: Sendable, Equatable, Codable {
    /// `pat_…` or `con_…`.
    public var id: String
    /// Patient or contact.
    public var kind: RecipientKind
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String?
    /// E.164, e.g. `+12015550100`.
    public var cellPhone: String?
    /// E-mail address.
    public var email: String?
    /// The language to write to them in, a BCP 47 tag such as `es` or `en-US`; nil for the practice's.
    public var language: String?
    /// Their IANA time zone, such as `America/New_York` (for quiet hours); nil for the practice's.
    public var timeZone: String?
    /// When it was created.
    public var createdAt: Date
    /// When it was last changed.
    public var updatedAt: Date

    /// A recipient.
    public init(id: String, kind: RecipientKind, firstName: String? = nil, lastName: String? = nil,
                dateOfBirth: String? = nil, cellPhone: String? = nil, email: String? = nil,
                language: String? = nil, timeZone: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id; self.kind = kind; self.firstName = firstName; self.lastName = lastName
        self.dateOfBirth = dateOfBirth; self.cellPhone = cellPhone; self.email = email
        self.language = language; self.timeZone = timeZone
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A workflow queue: replies to its messages land in it; it may have its own text number.
public struct MessageQueue: Sendable, Equatable, Codable {
    /// Unique name.
    public var name: String
    /// Its own practice text number (E.164), if any.
    public var number: String?
    /// When it was created.
    public var createdAt: Date

    /// A queue.
    public init(name: String, number: String?, createdAt: Date) {
        self.name = name; self.number = number; self.createdAt = createdAt
    }
}

/// A message a caller asked to send, and what became of it.
public struct OutboundMessage: Sendable, Equatable {
    /// `msg_…`.
    public var id: String
    /// The recipient's id.
    public var recipientId: String
    /// `sms` or `secure`.
    public var kind: String
    /// Notify methods: `sms`, `email`.
    public var notify: [String]
    /// The text the caller wrote (for `secure`, never sent by SMS or e-mail).
    public var body: String
    /// The queue replies go to, if any.
    public var queue: String?
    /// The practice number it was sent from.
    public var fromNumber: String
    /// `sent`, `blocked` (compliance), `refused` (opted out or unsendable), `failed` (transport).
    public var status: String
    /// `allow`, `warn` or `block`.
    public var decision: String
    /// Rules version of the check.
    public var rulesVersion: String
    /// The findings, as the JSON array the API returns.
    public var findingsJSON: String
    /// The API key id of the caller.
    public var caller: String
    /// When it was accepted.
    public var createdAt: Date

    /// A message record.
    public init(id: String, recipientId: String, kind: String, notify: [String], body: String, queue: String?,
                fromNumber: String, status: String, decision: String, rulesVersion: String, findingsJSON: String,
                caller: String, createdAt: Date) {
        self.id = id; self.recipientId = recipientId; self.kind = kind; self.notify = notify; self.body = body
        self.queue = queue; self.fromNumber = fromNumber; self.status = status; self.decision = decision
        self.rulesVersion = rulesVersion; self.findingsJSON = findingsJSON; self.caller = caller; self.createdAt = createdAt
    }
}

/// A text or e-mail waiting for another system to collect it (the `outbox` transport).
public struct OutboxItem: Sendable, Equatable {
    /// `out_…`.
    public var id: String
    /// The message it delivers.
    public var messageId: String
    /// `sms` or `email`.
    public var channel: String
    /// Sender: practice number or address.
    public var from: String
    /// Recipient: phone or e-mail.
    public var to: String
    /// What may be shown: the text sent, or its redacted form when the real one is sealed.
    public var body: String
    /// When it was queued.
    public var createdAt: Date
    /// When the collecting system acknowledged it.
    public var ackedAt: Date?
    /// The collector holding it, if it is claimed (see `OutboxClaimStore`).
    public var claimedBy: String?
    /// When the claim runs out and the item can be claimed again.
    public var leaseUntil: Date?
    /// The real body, encrypted by the caller (opaque to the store); erased when acknowledged.
    public var sealedBody: String?
    /// Whether its sender already waited for the number's pacing slot (a broadcast's or a
    /// reminder's text), so the delivery worker sends it without waiting again.
    public var paced: Bool

    /// An outbox item.
    public init(id: String, messageId: String, channel: String, from: String, to: String, body: String,
                createdAt: Date, ackedAt: Date? = nil, claimedBy: String? = nil, leaseUntil: Date? = nil,
                sealedBody: String? = nil, paced: Bool = false) {
        self.id = id; self.messageId = messageId; self.channel = channel; self.from = from; self.to = to
        self.body = body; self.createdAt = createdAt; self.ackedAt = ackedAt
        self.claimedBy = claimedBy; self.leaseUntil = leaseUntil; self.sealedBody = sealedBody; self.paced = paced
    }
}

/// A text a patient sent to a practice number.
public struct InboundMessage: Sendable, Equatable {
    /// `in_…`.
    public var id: String
    /// The sender's phone (E.164).
    public var from: String
    /// The practice number it was sent to.
    public var to: String
    /// The text.
    public var body: String
    /// The recipient it came from, when the number is known.
    public var recipientId: String?
    /// The queue it answers, if any.
    public var queue: String?
    /// `opt-out`, `opt-in`, `help`, `revocation`, `message`.
    public var classification: String
    /// Why staff should look at it (possible cancellation, free-text revocation), if they should.
    public var reviewReason: String?
    /// From a blocked number: stored, never queued.
    public var blocked: Bool
    /// When it arrived.
    public var receivedAt: Date

    /// An inbound message.
    /// Whether the text had to be repaired before it was read (invalid UTF-8 replaced, control
    /// characters removed): what is stored is not byte for byte what arrived.
    public var repaired: Bool

    /// An inbound message.
    public init(id: String, from: String, to: String, body: String, recipientId: String?, queue: String?,
                classification: String, reviewReason: String?, blocked: Bool, receivedAt: Date, repaired: Bool = false) {
        self.repaired = repaired
        self.id = id; self.from = from; self.to = to; self.body = body; self.recipientId = recipientId
        self.queue = queue; self.classification = classification; self.reviewReason = reviewReason
        self.blocked = blocked; self.receivedAt = receivedAt
    }
}

/// One change of consent, kept forever: the ledger is append-only.
public struct ConsentEvent: Sendable, Equatable {
    /// `con_ev_…`.
    public var id: String
    /// The patient's phone (E.164).
    public var phone: String
    /// The practice number the consent applies to.
    public var practiceNumber: String
    /// `opt-out` or `opt-in`.
    public var action: String
    /// `keyword`, `phrase`, `secure-reply` (a revocation written on the secure page), `provider`
    /// (carrier refusal), `import`, `staff`.
    public var source: String
    /// The keyword or phrase, or a note.
    public var text: String
    /// The inbound message that caused it, if any.
    public var messageId: String?
    /// Who recorded it: `patient`, an API key id, `import`.
    public var actor: String
    /// When.
    public var at: Date

    /// A ledger entry.
    public init(id: String, phone: String, practiceNumber: String, action: String, source: String, text: String,
                messageId: String?, actor: String, at: Date) {
        self.id = id; self.phone = phone; self.practiceNumber = practiceNumber; self.action = action
        self.source = source; self.text = text; self.messageId = messageId; self.actor = actor; self.at = at
    }
}

/// A check or send decision, kept for audit.
public struct AuditRecord: Sendable, Equatable {
    /// `aud_…`.
    public var id: String
    /// `check` or `send`.
    public var action: String
    /// The recipient, for sends.
    public var recipientId: String?
    /// The message, for sends.
    public var messageId: String?
    /// `allow`, `warn`, `block`, or a refusal code such as `recipient_opted_out`.
    public var decision: String
    /// Rules version.
    public var rulesVersion: String
    /// Findings JSON.
    public var findingsJSON: String
    /// API key id of the caller.
    public var caller: String
    /// When.
    public var at: Date

    /// An audit record.
    public init(id: String, action: String, recipientId: String?, messageId: String?, decision: String,
                rulesVersion: String, findingsJSON: String, caller: String, at: Date) {
        self.id = id; self.action = action; self.recipientId = recipientId; self.messageId = messageId
        self.decision = decision; self.rulesVersion = rulesVersion; self.findingsJSON = findingsJSON
        self.caller = caller; self.at = at
    }
}

/// The first response to an idempotency key, replayed for the same key.
public struct IdempotentResponse: Sendable, Equatable {
    /// The caller's API key id.
    public var caller: String
    /// The key the caller sent.
    public var key: String
    /// HTTP status.
    public var status: Int
    /// Response body (JSON).
    public var body: String
    /// When first answered.
    public var createdAt: Date
    /// A hash of the canonical request, so the same key with another request is refused; empty
    /// for responses saved before hashes were kept, which match any request.
    public var requestHash: String

    /// A stored response.
    public init(caller: String, key: String, status: Int, body: String, createdAt: Date, requestHash: String = "") {
        self.caller = caller; self.key = key; self.status = status; self.body = body; self.createdAt = createdAt
        self.requestHash = requestHash
    }
}
