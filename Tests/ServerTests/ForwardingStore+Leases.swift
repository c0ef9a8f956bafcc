import Foundation
import Storage

/// Forwarding for the store calls that hold something for a while: idempotency reservations and outbox claims.
extension ForwardingStore {
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
}
