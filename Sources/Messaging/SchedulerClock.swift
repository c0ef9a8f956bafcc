import Foundation
import Synchronization

/// The time as the scheduler and the pacer see it, and a way to wait for a moment.
public protocol SchedulerClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Returns at `date` (at once when it has passed). - Throws: `CancellationError` when the task is cancelled.
    func sleep(until date: Date) async throws
}

/// The wall clock.
public struct SystemClock: SchedulerClock {
    /// The wall clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }

    /// Sleeps until `date`.
    public func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }
}

/// A clock that moves only when told: `advance(by:)`, or a `sleep(until:)`, which jumps straight
/// to that moment. Pacing and quiet hours run against it in tests without waiting.
public final class ManualClock: SchedulerClock {
    private let current: Mutex<Date>

    /// A clock reading `start`.
    public init(_ start: Date) { current = Mutex(start) }

    /// The time it reads.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward to `date` (never back) and returns.
    public func sleep(until date: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, date) }
    }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
