import Foundation
import Logging
import Messaging

extension ServerState {
    /// Starts sending due broadcasts and reminders in the background; cancel the task to stop.
    public func startScheduler(logger: Logger) -> Task<Void, Never> {
        let scheduler = self.scheduler
        return Task {
            await scheduler.run(poll: 1) { error in
                // Stopping (a port that is taken, Ctrl-C) cancels a store call in flight: not an error.
                guard !Task.isCancelled else { return }
                logger.error("scheduled sends paused until the next look: \(error)")
            }
        }
    }
}

extension ServerState {
    /// Starts sending queued texts on to the provider in the background (with the `http`
    /// transport; nil with the `outbox` transport); cancel the task to stop.
    public func startDelivery(logger: Logger) -> Task<Void, Never>? {
        guard let delivery else { return nil }
        return Task {
            await delivery.run { error in
                guard !Task.isCancelled else { return }
                logger.error("deliveries paused until the next look: \(error)")
            }
        }
    }
}

/// The scheduler's clock over the server's: reads it, and sleeps in real time.
struct ClosureClock: SchedulerClock {
    let read: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) { read = now }

    func now() -> Date { read() }

    func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSince(read())
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(min(seconds, 3600) * 1_000_000_000)) }
    }
}
