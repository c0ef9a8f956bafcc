import Foundation
import Storage

/// Spaces texts sent from one number: at most `messagesPerSecond` per sending number
/// (`pacing.messages_per_second`; 1 a second, a 10DLC long code's usual rate, by default).
/// Each caller reserves the number's next free slot in `slots`, then waits for it on the clock;
/// with the store as `slots`, the pace holds across every instance on it.
public struct Pacer: Sendable {
    /// The time between two texts from one number.
    public let interval: TimeInterval
    let clock: any SchedulerClock
    let slots: any PacingStore

    /// A pacer allowing `messagesPerSecond` (more than 0) per number, with slots kept in `slots`
    /// (in this process only by default).
    public init(messagesPerSecond: Double = 1, clock: any SchedulerClock = SystemClock(),
                slots: any PacingStore = LocalPacingSlots()) {
        self.interval = 1 / max(messagesPerSecond, 0.001)
        self.clock = clock
        self.slots = slots
    }

    /// Waits until `number` may send its next text, having reserved that moment; returns it.
    /// - Throws: `StorageError` when the slot cannot be reserved, `CancellationError` when the
    ///   task is cancelled while waiting.
    @discardableResult
    public func wait(for number: String) async throws -> Date {
        let now = clock.now()
        let slot = try await slots.reservePacingSlot(number: number, interval: interval, now: now)
        if slot > now { try await clock.sleep(until: slot) }
        return slot
    }
}
