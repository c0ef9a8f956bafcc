import Foundation
import Synchronization

/// The next free moment of each sending number, shared by every instance on the store, so texts
/// from one number are paced as a whole however many servers send them.
public protocol PacingStore: Sendable {
    /// Reserves the moment `number` may send its next text: the later of `now` and the number's
    /// next free slot, which then moves `interval` seconds past it. Atomic: concurrent
    /// reservations, from any instance, get moments at least `interval` apart. Kept to the
    /// millisecond.
    func reservePacingSlot(number: String, interval: TimeInterval, now: Date) async throws(StorageError) -> Date
}

/// Pacing slots kept in this process only (for callers without a shared store).
public final class LocalPacingSlots: PacingStore {
    private let next = Mutex<[String: Date]>([:])

    /// No number has sent yet.
    public init() {}

    /// Reserves the number's next slot in memory.
    public func reservePacingSlot(number: String, interval: TimeInterval, now: Date) async throws(StorageError) -> Date {
        next.withLock { slots in
            let slot = max(now, slots[number] ?? now)
            slots[number] = slot.addingTimeInterval(interval)
            return slot
        }
    }
}
