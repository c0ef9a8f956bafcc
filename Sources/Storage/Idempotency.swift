import Foundation

/// What reserving an idempotency key found (see `IdempotencyStore`).
public enum IdempotencyReservation: Sendable, Equatable {
    /// The key was free, or its holder's lease ran out: this caller runs the request, then calls
    /// `completeIdempotency` with the result, or `releaseIdempotency` when validation failed.
    case reserved
    /// Another request with this key and the same body holds it right now; try again shortly.
    case inFlight
    /// The first result for this key and request: replay it.
    case completed(IdempotentResponse)
    /// The key was used for a different request: its result once finished, nil while it runs.
    case mismatch(IdempotentResponse?)

    /// The outcome for a key that is already taken, from what is stored: `requestHash` is the new
    /// request's; an empty hash on either side (rows from before hashes were kept) matches any.
    public static func existing(_ stored: IdempotentResponse, pending: Bool, requestHash: String) -> Self {
        let same = stored.requestHash.isEmpty || requestHash.isEmpty || stored.requestHash == requestHash
        switch (pending, same) {
        case (true, true): return .inFlight
        case (true, false): return .mismatch(nil)
        case (false, true): return .completed(stored)
        case (false, false): return .mismatch(stored)
        }
    }
}

/// Idempotency keys reserved in the database, like Stripe's: the first request with a key runs,
/// a concurrent one with the same key (on any instance) waits for it, a later one gets the first
/// result replayed, and the same key with a different request is refused.
public protocol IdempotencyStore: Sendable {
    /// Atomically reserves `key` for `caller` unless it is taken; a reservation left by a crashed
    /// instance is taken over once `lease` seconds have passed since it was made.
    func reserveIdempotency(caller: String, key: String, requestHash: String, at: Date,
                            lease: TimeInterval) async throws(StorageError) -> IdempotencyReservation
    /// Saves the result for a reservation (its caller, key and request hash); false when the
    /// reservation is gone (released, or its lease ran out and another request took it).
    func completeIdempotency(_ response: IdempotentResponse) async throws(StorageError) -> Bool
    /// Forgets a reservation that has no result yet (the request failed validation before it ran),
    /// so a corrected retry can use the key; false when there was none.
    func releaseIdempotency(caller: String, key: String) async throws(StorageError) -> Bool
}

extension IdempotencyStore {
    /// How long a reservation holds a key when its holder neither completes nor releases it.
    public static var defaultIdempotencyLease: TimeInterval { 60 }

    /// Reserves `key` with the default lease of 60 seconds.
    public func reserveIdempotency(caller: String, key: String, requestHash: String,
                                   at: Date) async throws(StorageError) -> IdempotencyReservation {
        try await reserveIdempotency(caller: caller, key: key, requestHash: requestHash, at: at,
                                     lease: Self.defaultIdempotencyLease)
    }
}
