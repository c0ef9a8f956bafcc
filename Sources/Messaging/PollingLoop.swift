import Foundation

/// The loop of the server's background workers (the scheduler, the delivery worker): one pass,
/// then a look again every `poll` seconds, until the task is cancelled.
enum PollingLoop {
    /// Runs `pass` until the task is cancelled; a failure other than cancellation is reported to
    /// `failed`, and the next look tries again.
    static func run(clock: any SchedulerClock, poll: TimeInterval, failed: @Sendable (any Error) -> Void,
                    _ pass: () async throws -> Void) async {
        while !Task.isCancelled {
            do { try await pass() } catch is CancellationError { return } catch {
                failed(error)
            }
            do { try await clock.sleep(until: clock.now().addingTimeInterval(poll)) } catch { return }
        }
    }
}
