import Foundation

/// Where a text handed to a provider stands, as its status callbacks report it.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// The provider accepted it and will send it.
    case queued
    /// The provider handed it to the carrier.
    case sent
    /// The carrier reports it reached the phone.
    case delivered
    /// The carrier did not deliver it (30007 is carrier filtering).
    case undelivered
    /// It could not be sent at all.
    case failed

    /// Its place in the order statuses come in: `queued`, then `sent`, then one final status.
    public var rank: Int {
        switch self {
        case .queued: return 0
        case .sent: return 1
        case .delivered, .undelivered, .failed: return 2
        }
    }

    /// Whether `next` moves a delivery forward from this status (a late or repeated one does not).
    public func advances(to next: DeliveryStatus) -> Bool { next.rank > rank }
}

/// One status a delivery reached.
public struct DeliveryEvent: Sendable, Equatable {
    /// The status.
    public var status: DeliveryStatus
    /// The provider's error code (Twilio `ErrorCode`, such as 30007 or 21610), if any.
    public var errorCode: Int?
    /// The provider's error text, if any.
    public var errorMessage: String?
    /// When it was recorded.
    public var at: Date

    /// An event.
    public init(status: DeliveryStatus, errorCode: Int? = nil, errorMessage: String? = nil, at: Date) {
        self.status = status; self.errorCode = errorCode; self.errorMessage = errorMessage; self.at = at
    }
}

/// One text or e-mail of a message handed to a transport, with the statuses it reached.
public struct DeliveryRecord: Sendable, Equatable {
    /// `dlv_…`.
    public var id: String
    /// The message it delivers; nil while only the provider's callbacks are known (they can
    /// arrive before the send that made it is recorded).
    public var messageId: String?
    /// `sms` or `email`; nil while only callbacks are known.
    public var channel: String?
    /// The transport that took it (`http`, `outbox`); nil while only callbacks are known.
    public var transport: String?
    /// The text as handed over, with any secret (a secure link's token) redacted; nil while
    /// only callbacks are known.
    public var body: String?
    /// The provider's id for it (Twilio's `MessageSid`, or the outbox item's id); nil when the
    /// transport refused it before any id was given.
    public var providerSid: String?
    /// The latest status.
    public var status: DeliveryStatus
    /// The latest error code, if any.
    public var errorCode: Int?
    /// The latest error text, if any.
    public var errorMessage: String?
    /// When it was first recorded.
    public var createdAt: Date
    /// Every status it reached, oldest first.
    public var history: [DeliveryEvent]

    /// A delivery.
    public init(id: String, messageId: String?, channel: String?, transport: String?, body: String? = nil,
                providerSid: String?, status: DeliveryStatus, errorCode: Int? = nil, errorMessage: String? = nil,
                createdAt: Date, history: [DeliveryEvent]) {
        self.id = id; self.messageId = messageId; self.channel = channel; self.transport = transport; self.body = body
        self.providerSid = providerSid; self.status = status; self.errorCode = errorCode
        self.errorMessage = errorMessage; self.createdAt = createdAt; self.history = history
    }
}

/// What a status callback did.
public struct DeliveryUpdate: Sendable, Equatable {
    /// Whether it moved the delivery forward (false for a late or repeated status).
    public var applied: Bool
    /// The delivery as it now stands.
    public var delivery: DeliveryRecord

    /// An outcome.
    public init(applied: Bool, delivery: DeliveryRecord) {
        self.applied = applied; self.delivery = delivery
    }
}

/// Which outbound messages to list.
public struct MessageFilter: Sendable, Equatable {
    /// Only messages with this status (`pending`, `sent`, `blocked`, `refused`, `failed`), or
    /// with a delivery at this status (`queued`, `sent`, `delivered`, `undelivered`, `failed`).
    public var status: String?
    /// Only messages to this recipient.
    public var recipientId: String?

    /// A filter.
    public init(status: String? = nil, recipientId: String? = nil) {
        self.status = status; self.recipientId = recipientId
    }
}

/// Deliveries and their status history, kept in order whatever order the provider's callbacks
/// arrive in.
public protocol DeliveryStore: Sendable {
    /// Records a delivery a transport took (or refused), with its first status. When callbacks
    /// for its provider id came first, that delivery is joined to the message instead, and the
    /// first status is recorded only if it is ahead of theirs.
    func recordDelivery(_ delivery: DeliveryRecord) async throws(StorageError) -> DeliveryRecord
    /// Applies a provider's status callback, atomically: a status ahead of the stored one is
    /// recorded; a late or repeated one changes nothing. An unknown id is kept, to be joined to
    /// its message when the send records it.
    func applyDeliveryStatus(providerSid: String, _ event: DeliveryEvent) async throws(StorageError) -> DeliveryUpdate
    /// The deliveries of these messages, each with its history, oldest first.
    func deliveries(messageIds: [String]) async throws(StorageError) -> [DeliveryRecord]
    /// A page of outbound messages matching `filter`, by creation time.
    func messages(_ filter: MessageFilter, page: Page) async throws(StorageError) -> PageResult<OutboundMessage>
}

extension DeliveryStore {
    /// The deliveries of one message, oldest first.
    public func deliveries(messageId: String) async throws(StorageError) -> [DeliveryRecord] {
        try await deliveries(messageIds: [messageId])
    }
}
