import Foundation
import Rules
import Storage

/// What a caller asks to send.
public struct SendRequest: Sendable, Equatable {
    /// The recipient's id.
    public var recipientId: String
    /// `sms` (the body is texted) or `secure` (the body stays on the server; a fixed generic
    /// notification with a link is sent).
    public var kind: String
    /// How to notify: `sms`, `email`, or both.
    public var notify: [String]
    /// The message text.
    public var body: String
    /// The queue replies go to.
    public var queue: String?
    /// The caller's API key id.
    public var caller: String
    /// The id the message must have (a scheduled send's, so a retry after a crash can tell
    /// whether it was already sent); nil for a new one.
    public var messageId: String?
    /// Whether the caller already waited for the sending number's pacing slot (the scheduler
    /// does); a queued text is then not held again.
    public var paced: Bool

    /// A request.
    public init(recipientId: String, kind: String, notify: [String], body: String, queue: String?, caller: String,
                messageId: String? = nil, paced: Bool = false) {
        self.recipientId = recipientId; self.kind = kind; self.notify = notify; self.body = body
        self.queue = queue; self.caller = caller; self.messageId = messageId; self.paced = paced
    }
}

/// What a send produced.
public struct SendResult: Sendable {
    /// The stored message.
    public var message: OutboundMessage
    /// The compliance report of the text that was sent.
    public var report: Report
    /// What was handed to the transport: channel and transport id.
    public var deliveries: [(channel: String, id: String)]
    /// Whether the answer to the request's idempotency key was saved with the send.
    public var answerSaved: Bool = false
}

/// A secure message's notification, and the secret (the link's token) it carries.
public struct SecureNotice: Sendable, Equatable {
    /// The text sent.
    public var text: String
    /// The part of `text` that must never be stored or reported (the token).
    public var secret: String

    /// A notice.
    public init(text: String, secret: String) {
        self.text = text
        self.secret = secret
    }

    /// The text with the secret replaced, for checks, findings and audit records.
    public var redacted: String { text.replacingOccurrences(of: secret, with: "TOKEN") }
}

/// Supplies the fixed, generic notification of a secure message (and creates its link).
public protocol SecureNotifier: Sendable {
    /// The notification for a secure message to `recipient`.
    func notification(for message: OutboundMessage, recipient: Recipient) async throws(SendError) -> SecureNotice
}

/// The state a send carries through its stages.
public struct SendContext: Sendable {
    /// The request.
    public var request: SendRequest
    /// The message id, fixed before the first stage.
    public var messageId: String
    /// When the send started.
    public var now: Date
    /// The recipient, once loaded.
    public var recipient: Recipient?
    /// The consent and block of the recipient's cell phone, read with the recipient, and the
    /// practice number they were read for: the consent stage reads them again only if the
    /// send's number has changed since (a queue with a number of its own).
    public var consent: (reading: SendConsent, from: String)? = nil
    /// The practice number the message goes from.
    public var fromNumber: String
    /// The text that will actually be sent (the body, or a secure notification).
    public var outgoing: String
    /// The text the compliance check sees and reports: `outgoing` without secrets.
    public var checked: String? = nil
    /// The secret in `outgoing` (a secure link's token), which is never stored in plain text.
    public var secret: String? = nil
    /// The compliance report.
    public var report: Report?
    /// Transport ids per channel.
    public var deliveries: [(channel: String, id: String)] = []
    /// The outbox items a storing transport hands the text over with, written with the message.
    public var outboxItems: [OutboxItem] = []
    /// The deliveries to record with the message.
    public var deliveryRecords: [DeliveryRecord] = []
}

/// One step of a send. Stages run in order; the first refusal stops the send.
public protocol SendStage: Sendable {
    /// Runs the stage.
    func run(_ context: inout SendContext) async throws(SendError)
}
