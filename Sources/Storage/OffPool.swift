import Dispatch

/// Runs a store's CPU-heavy background work (reading a journal file, converting its records)
/// on a thread of its own. The Swift concurrency pool has one thread per core and serves every
/// request: milliseconds of work there hold up the requests queued behind it.
package enum OffPool {
    /// A serial queue: its work runs on a thread outside the concurrency pool.
    private static let queue = DispatchQueue(label: "textgate.storage.background")

    /// The result of `work`, run on the queue.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws(StorageError) -> T) async throws(StorageError) -> T {
        let result: Result<T, StorageError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(StorageError) -> T in try work() }) }
        }
        return try result.get()
    }
}
