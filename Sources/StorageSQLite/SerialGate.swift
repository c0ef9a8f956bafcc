import Storage

/// A FIFO async lock: at most one holder at a time, waiters served in arrival order.
///
/// The store runs every statement while holding it, so the statements of a transaction
/// (`BEGIN … COMMIT` on the one connection) can never interleave with another task's.
/// An actor alone would not do: it is reentrant at every `await`, and a transaction awaits
/// once per statement.
actor SerialGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the gate is free and takes it.
    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
        // Ownership was handed over by `release()`: `held` is still true.
    }

    /// Hands the gate to the next waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

extension SerialGate {
    /// Runs `body` while holding the gate; releases it whether `body` returns or throws.
    nonisolated func withGate<T: Sendable>(
        _ body: () async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }
}
