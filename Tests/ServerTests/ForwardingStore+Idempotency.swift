import Foundation
import Storage

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
