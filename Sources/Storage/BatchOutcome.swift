import Synchronization

/// Where one caller's outcome waits while `GroupCommit` runs the batch holding its item: the
/// batch sets it, the caller reads it once `submit` returns.
package final class BatchOutcome<T: Sendable>: Sendable {
    private let stored = Mutex<Result<T, StorageError>?>(nil)

    package init() {}

    package func set(_ result: Result<T, StorageError>) { stored.withLock { $0 = result } }

    package func set(_ value: T) { set(.success(value)) }

    /// The outcome; unavailable if the batch never ran (which `GroupCommit` does not allow).
    /// `what` names the item in that error: "write send msg_1".
    package func get(_ what: String) throws(StorageError) -> T {
        guard let result = stored.withLock({ $0 }) else { throw .unavailable("\(what): its batch did not run") }
        return try result.get()
    }
}
