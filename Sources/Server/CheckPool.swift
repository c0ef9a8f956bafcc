import Foundation
import NIOPosix
import Synchronization

/// Runs CPU-heavy checks off the Swift concurrency pool, whose one thread per core would
/// otherwise stall every route (health checks included) while a large text is checked. Work
/// runs on its own threads, at most `threads` at once, with at most `queueLimit` waiting;
/// beyond that a check is refused with 503 and `Retry-After` rather than queued without bound.
final class CheckPool: Sendable {
    /// Texts up to this many UTF-8 bytes are checked in place: they take microseconds.
    static let inlineBytes = 16 * 1024

    private let pool: NIOThreadPool
    private let waiting = Atomic<Int>(0)
    private let queueLimit: Int

    /// A pool of `threads` threads taking at most `queueLimit` checks at once.
    init(threads: Int = 2, queueLimit: Int = 8) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.queueLimit = queueLimit
    }

    /// The result of `work`, run in place for a small text, else on the pool.
    /// - Throws: 503 `busy` when the pool's queue is full.
    func run<T: Sendable>(size: Int, _ work: @escaping @Sendable () -> T) async throws -> T {
        guard size > CheckPool.inlineBytes else { return work() }
        let (taken, _) = waiting.add(1, ordering: .relaxed)
        defer { waiting.subtract(1, ordering: .relaxed) }
        guard taken <= queueLimit else {
            throw APIError(.serviceUnavailable, "busy",
                           "The server is checking as many large texts as it can at once; retry in a second.",
                           detail: RetryDetail(retryAfterSeconds: 1), headers: [.retryAfter: "1"])
        }
        return try await pool.runIfActive(work)
    }
}
