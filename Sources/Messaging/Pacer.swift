import Foundation

/// Spaces texts sent from one number: at most `messagesPerSecond` per sending number
/// (`pacing.messages_per_second`; 1 a second, a 10DLC long code's usual rate, by default).
/// Each caller reserves the number's next free slot, then waits for it on the clock.
public actor Pacer {
    /// The time between two texts from one number.
    public nonisolated let interval: TimeInterval
    let clock: any SchedulerClock
    private var nextSlot: [String: Date] = [:]

    /// A pacer allowing `messagesPerSecond` (more than 0) per number.
    public init(messagesPerSecond: Double = 1, clock: any SchedulerClock = SystemClock()) {
        self.interval = 1 / max(messagesPerSecond, 0.001)
        self.clock = clock
    }

    /// Waits until `number` may send its next text, having reserved that moment; returns it.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    @discardableResult
    public func wait(for number: String) async throws -> Date {
        let now = clock.now()
        let slot = max(now, nextSlot[number] ?? now)
        nextSlot[number] = slot.addingTimeInterval(interval)
        if slot > now { try await clock.sleep(until: slot) }
        return slot
    }
}
