import Foundation

/// Everything an accepted send writes when its transport only stores what it hands over (the
/// outbox): the message with its final status, its outbox items, its deliveries, its audit
/// record (if it has one) and, for a request with an idempotency key, the key's result.
public struct AcceptedSend: Sendable, Equatable {
    /// The message, with the status it has once handed over (`sent`, or `queued`).
    public var message: OutboundMessage
    /// What the transport hands over: one item per notify method.
    public var outbox: [OutboxItem]
    /// The deliveries recorded with the message (none when a delivery worker records them later).
    /// Each is new: its first status becomes its history's first event.
    public var deliveries: [DeliveryRecord]
    /// The send's audit record (none for an automatic reply, such as a STOP confirmation).
    public var audit: AuditRecord?
    /// The result for the caller's idempotency key: it completes the key's reservation
    /// (``SendCommitStore/commitSend(_:)``) or claims the key (``SendCommitStore/claimSend(_:)``); nil without a key.
    public var idempotency: IdempotentResponse?

    /// A send's writes.
    public init(message: OutboundMessage, outbox: [OutboxItem], deliveries: [DeliveryRecord], audit: AuditRecord?,
                idempotency: IdempotentResponse? = nil) {
        self.message = message; self.outbox = outbox; self.deliveries = deliveries; self.audit = audit
        self.idempotency = idempotency
    }
}

/// Writing a whole send at once: one transaction instead of a round trip per record.
public protocol SendCommitStore: Sendable {
    /// Writes `send` in one transaction that survives power loss before this returns: all of it
    /// or, on any failure, none. The idempotency result completes the reservation as
    /// `IdempotencyStore.completeIdempotency` does; a reservation that is gone (released, or
    /// taken over after its lease) leaves the send written and returns false.
    /// - Returns: whether the idempotency result was saved (false without one).
    /// - Throws: `StorageError.conflict` for a duplicate id or an item whose message is not the send's.
    func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool
    /// Writes `send`, as ``commitSend(_:)`` does, only if its idempotency key (`send.idempotency`,
    /// required) was never used: the key is claimed with its result in the same transaction, so
    /// a request sent twice at once writes one send without a reservation made first. False, and
    /// nothing written, when the key is taken (completed or reserved), also by a send in the same
    /// group commit.
    /// - Throws: `StorageError.conflict` for a duplicate id or an item whose message is not the send's.
    func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool
}
