import Foundation
import Storage

/// Forwarding for idempotency reservations, whole sends and outbox claims.
extension ForwardingStore {
    func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool { try await base.commitSend(send) }
    func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool { try await base.claimSend(send) }
    func reserveIdempotency(caller: String, key: String, requestHash: String, at: Date,
                            lease: TimeInterval) async throws(StorageError) -> IdempotencyReservation {
        try await base.reserveIdempotency(caller: caller, key: key, requestHash: requestHash, at: at, lease: lease)
    }
    func completeIdempotency(_ r: IdempotentResponse) async throws(StorageError) -> Bool { try await base.completeIdempotency(r) }
    func releaseIdempotency(caller: String, key: String) async throws(StorageError) -> Bool {
        try await base.releaseIdempotency(caller: caller, key: key)
    }
}

extension ForwardingStore {
    func claimOutbox(collector: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [OutboxItem] {
        try await base.claimOutbox(collector: collector, limit: limit, lease: lease, now: now)
    }
    func outbox(includeAcked: Bool, page: Page) async throws(StorageError) -> PageResult<OutboxItem> {
        try await base.outbox(includeAcked: includeAcked, page: page)
    }
    func acknowledgeOutbox(id: String, collector: String, at: Date) async throws(StorageError) -> OutboxAck {
        try await base.acknowledgeOutbox(id: id, collector: collector, at: at)
    }

    func renewOutboxClaim(id: String, collector: String, lease: TimeInterval, now: Date) async throws(StorageError) -> Bool {
        try await base.renewOutboxClaim(id: id, collector: collector, lease: lease, now: now)
    }
    func reservePacingSlot(number: String, interval: TimeInterval, now: Date) async throws(StorageError) -> Date {
        try await base.reservePacingSlot(number: number, interval: interval, now: now)
    }
}

/// Forwarding for the paged list reads.
extension ForwardingStore {
    func recipients(kind: RecipientKind?, page: Page) async throws(StorageError) -> PageResult<Recipient> {
        try await base.recipients(kind: kind, page: page)
    }
    func messages(recipientId: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        try await base.messages(recipientId: recipientId, page: page)
    }
    func messages(queue: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        try await base.messages(queue: queue, page: page)
    }
    func inbound(recipientId: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await base.inbound(recipientId: recipientId, page: page)
    }
    func inbound(queue: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await base.inbound(queue: queue, page: page)
    }
    func consentEvents(phone: String?, practiceNumber: String?, page: Page) async throws(StorageError) -> PageResult<ConsentEvent> {
        try await base.consentEvents(phone: phone, practiceNumber: practiceNumber, page: page)
    }
    func audit(_ filter: AuditFilter, page: Page) async throws(StorageError) -> PageResult<AuditRecord> {
        try await base.audit(filter, page: page)
    }
}
