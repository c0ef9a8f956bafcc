import Foundation

/// API keys, stored hashed.
public protocol KeyStore: Sendable {
    /// Adds a key. - Throws: `StorageError.conflict` for a duplicate id or hash.
    func insertKey(_ key: StoredKey) async throws(StorageError)
    /// The key with this hash, revoked or not.
    func key(hash: String) async throws(StorageError) -> StoredKey?
    /// Every key, oldest first.
    func keys() async throws(StorageError) -> [StoredKey]
    /// Marks a key revoked; false when no such key or already revoked.
    func revokeKey(id: String, at: Date) async throws(StorageError) -> Bool
}

/// Patients and contacts.
public protocol RecipientStore: Sendable {
    /// Adds a recipient.
    func insertRecipient(_ recipient: Recipient) async throws(StorageError)
    /// One recipient.
    func recipient(id: String) async throws(StorageError) -> Recipient?
    /// All recipients (of one kind), oldest first.
    func recipients(kind: RecipientKind?) async throws(StorageError) -> [Recipient]
    /// Recipients whose cell phone is this E.164 number.
    func recipients(phone: String) async throws(StorageError) -> [Recipient]
    /// Replaces a recipient's fields; false when it does not exist.
    func updateRecipient(_ recipient: Recipient) async throws(StorageError) -> Bool
    /// Deletes a recipient; false when it does not exist.
    func deleteRecipient(id: String) async throws(StorageError) -> Bool
}

/// Queues.
public protocol QueueStore: Sendable {
    /// Adds a queue. - Throws: `StorageError.conflict` when the name or number is taken.
    func insertQueue(_ queue: MessageQueue) async throws(StorageError)
    /// One queue by name.
    func queue(name: String) async throws(StorageError) -> MessageQueue?
    /// The queue that owns a practice number.
    func queue(number: String) async throws(StorageError) -> MessageQueue?
    /// All queues by name.
    func queues() async throws(StorageError) -> [MessageQueue]
}

/// Outbound and inbound messages, the outbox, and idempotent responses.
public protocol MessageStore: Sendable {
    /// Adds an outbound message.
    func insertMessage(_ message: OutboundMessage) async throws(StorageError)
    /// One outbound message.
    func message(id: String) async throws(StorageError) -> OutboundMessage?
    /// Outbound messages to a recipient, oldest first.
    func messages(recipientId: String) async throws(StorageError) -> [OutboundMessage]
    /// Outbound messages assigned to a queue, oldest first.
    func messages(queue: String) async throws(StorageError) -> [OutboundMessage]
    /// The latest outbound message sent to `phone` from `fromNumber` (to route a reply).
    func lastMessage(toPhone phone: String, fromNumber: String) async throws(StorageError) -> OutboundMessage?
    /// Sets a message's status.
    func setMessageStatus(id: String, status: String) async throws(StorageError)

    /// Adds an outbox item.
    func insertOutbox(_ item: OutboxItem) async throws(StorageError)
    /// Outbox items, oldest first; only unacknowledged ones unless `includeAcked`.
    func outbox(includeAcked: Bool) async throws(StorageError) -> [OutboxItem]
    /// Acknowledges an item and erases its sealed body; false when unknown or already acknowledged.
    func ackOutbox(id: String, at: Date) async throws(StorageError) -> Bool

    /// Adds an inbound message.
    func insertInbound(_ message: InboundMessage) async throws(StorageError)
    /// Inbound messages from a recipient, oldest first.
    func inbound(recipientId: String) async throws(StorageError) -> [InboundMessage]
    /// Inbound messages from a phone number, oldest first.
    func inbound(phone: String) async throws(StorageError) -> [InboundMessage]
    /// Inbound messages in a queue (never blocked ones), oldest first.
    func inbound(queue: String) async throws(StorageError) -> [InboundMessage]

    /// The stored first response for a caller's idempotency key (a reservation still running is none).
    func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse?
    /// Stores a first response; false (and nothing changed) when the key already has one or is reserved.
    func saveIdempotentResponse(_ response: IdempotentResponse) async throws(StorageError) -> Bool
}

/// Handing outbox items to collectors, many at once: a claimed item is held by one collector
/// until it acknowledges it or its lease runs out (a crashed collector's items come back).
public protocol OutboxClaimStore: Sendable {
    /// Claims up to `limit` unacknowledged items, oldest first, that no other collector holds at
    /// `now`, for `lease` seconds. Concurrent claims (from any instance) never get the same item.
    func claimOutbox(collector: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [OutboxItem]
    /// A page of outbox items ordered by (creation time, id); only unacknowledged ones unless `includeAcked`.
    func outbox(includeAcked: Bool, page: Page) async throws(StorageError) -> PageResult<OutboxItem>
    /// Extends the claim `collector` holds on an unacknowledged item to `lease` seconds after
    /// `now`; false, and nothing changed, when the item is acknowledged or another collector
    /// claimed it (a collector that lost its claim must not send the item).
    func renewOutboxClaim(id: String, collector: String, lease: TimeInterval, now: Date) async throws(StorageError) -> Bool
    /// Acknowledges an item for `collector`, erasing its sealed body in the same statement, unless
    /// another collector's claim on it still runs at `at`: a collector that did not send an item
    /// must not mark it sent while its holder may still fail.
    func acknowledgeOutbox(id: String, collector: String, at: Date) async throws(StorageError) -> OutboxAck
}

/// What acknowledging an outbox item did.
public enum OutboxAck: Sendable, Equatable {
    /// Acknowledged now.
    case acknowledged
    /// Acknowledged before; the first time is kept.
    case alreadyAcknowledged
    /// Another collector's claim holds it until this time.
    case heldByAnother(until: Date)
    /// No such item.
    case unknown

    /// The outcome for an item that was not acknowledged now, read back after the update.
    public init(notAcknowledged item: OutboxItem?) {
        guard let item else { self = .unknown; return }
        self = item.ackedAt != nil ? .alreadyAcknowledged : .heldByAnother(until: item.leaseUntil ?? .distantPast)
    }
}

/// Lists read a page at a time, ordered by (time, id): oldest first, except the audit trail,
/// newest first. Each reads `page.limit` items at most, within `page.from`/`page.to`, after
/// `page.after`.
public protocol PagedReads: Sendable {
    /// Recipients (of one kind), by creation time.
    func recipients(kind: RecipientKind?, page: Page) async throws(StorageError) -> PageResult<Recipient>
    /// Outbound messages to a recipient, by creation time.
    func messages(recipientId: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage>
    /// Outbound messages assigned to a queue, by creation time.
    func messages(queue: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage>
    /// Inbound messages from a recipient, by arrival time.
    func inbound(recipientId: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage>
    /// Inbound messages in a queue (never blocked ones), by arrival time.
    func inbound(queue: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage>
    /// Inbound messages from a phone number (never blocked ones), by arrival time.
    func inbound(phone: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage>
    /// Consent changes (for one phone, and one practice number, when given), by time.
    func consentEvents(phone: String?, practiceNumber: String?, page: Page) async throws(StorageError) -> PageResult<ConsentEvent>
    /// Audit records matching the filter's recipient and decision, newest first; the filter's
    /// `from`, `to` and `limit` are ignored for the page's.
    func audit(_ filter: AuditFilter, page: Page) async throws(StorageError) -> PageResult<AuditRecord>
}

/// The consent ledger and blocked senders.
public protocol ConsentStore: Sendable {
    /// Appends a consent change; nothing is ever overwritten.
    func appendConsent(_ event: ConsentEvent) async throws(StorageError)
    /// Changes for a phone (and practice number), oldest first.
    func consentEvents(phone: String, practiceNumber: String?) async throws(StorageError) -> [ConsentEvent]
    /// Every change, oldest first.
    func allConsentEvents() async throws(StorageError) -> [ConsentEvent]
    /// Blocks a sender; false when it was already blocked.
    func blockNumber(_ number: String, at: Date) async throws(StorageError) -> Bool
    /// Unblocks a sender; false when it was not blocked.
    func unblockNumber(_ number: String) async throws(StorageError) -> Bool
    /// Whether a sender is blocked.
    func isBlocked(_ number: String) async throws(StorageError) -> Bool
    /// Blocked senders, in order blocked.
    func blockedNumbers() async throws(StorageError) -> [String]
    /// What a text to `phone` from `practiceNumber` depends on: the latest consent change and
    /// whether the number is blocked, read together (in one statement where the store can).
    func sendConsent(phone: String, practiceNumber: String) async throws(StorageError) -> SendConsent
}

/// Filters for reading the audit trail.
public struct AuditFilter: Sendable, Equatable {
    /// Only this recipient.
    public var recipientId: String?
    /// Only at or after.
    public var from: Date?
    /// Only before.
    public var to: Date?
    /// Only this decision.
    public var decision: String?
    /// At most this many, newest first.
    public var limit: Int

    /// A filter.
    public init(recipientId: String? = nil, from: Date? = nil, to: Date? = nil, decision: String? = nil, limit: Int = 100) {
        self.recipientId = recipientId; self.from = from; self.to = to; self.decision = decision; self.limit = limit
    }
}

/// Every check and send decision.
public protocol AuditStore: Sendable {
    /// Appends a record.
    /// - Throws: `StorageError.conflict` when its id is stored already.
    func appendAudit(_ record: AuditRecord) async throws(StorageError)
    /// Appends a record whose id this process has just made with `Identifier.make`, so none is
    /// stored with it: a store may take it without looking for one, as the SQLite store's
    /// journal does. It survives a crash of the process once this returns, and the next read
    /// of the audit trail has it.
    func appendNewAudit(_ record: AuditRecord) async throws(StorageError)
    /// Records matching a filter, newest first.
    func audit(_ filter: AuditFilter) async throws(StorageError) -> [AuditRecord]
}

extension AuditStore {
    /// `appendAudit`, for a store with no faster way.
    public func appendNewAudit(_ record: AuditRecord) async throws(StorageError) {
        try await appendAudit(record)
    }
}

/// Everything textgate stores. SQLite (the embedded default) and PostgreSQL implement it.
public protocol TextgateStore: KeyStore, RecipientStore, QueueStore, MessageStore, IdempotencyStore, OutboxClaimStore,
                               ConsentStore, SendTargetReads, AuditStore, SecureLinkStore, PagedReads, PacingStore,
                               ScheduledSendStore, BroadcastStore, AppointmentStore, DeliveryStore,
                               SendCommitStore {
    /// Applies pending migrations; each version runs once.
    func migrate() async throws(StorageError)
    /// The schema version after migrating.
    func schemaVersion() async throws(StorageError) -> Int
    /// Closes the store.
    func close() async throws(StorageError)
}

/// What can go wrong in a store.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A unique value is taken.
    case conflict(String)
    /// The database cannot be opened or used.
    case unavailable(String)
    /// A stored value cannot be read back.
    case corrupt(String)

    /// What is wrong.
    public var description: String {
        switch self {
        case .conflict(let s): return "conflict: \(s)"
        case .unavailable(let s): return "storage unavailable: \(s)"
        case .corrupt(let s): return "stored data unreadable: \(s)"
        }
    }
}
