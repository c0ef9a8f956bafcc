import Foundation

/// Tries `attempt` until it gives a value, `timeout` passes or `keepGoing` says stop, sleeping
/// `interval` between tries with `Task.sleep` (no thread is held). The try made after the
/// deadline decides: a busy test run can resume this task long past it, when the awaited
/// thing is long done.
func poll<T>(for timeout: TimeInterval, every interval: Duration, while keepGoing: () -> Bool = { true },
             _ attempt: () async -> T?) async throws -> T? {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if let value = await attempt() { return value }
        if Date() >= deadline || !keepGoing() { return nil }
        try await Task.sleep(for: interval)
    }
}
