import Synchronization

/// A FIFO async lock: at most one holder at a time, waiters served in arrival order.
///
/// The store runs every statement while holding it, so the statements of a transaction
/// (`BEGIN … COMMIT` on the one connection) can never interleave with another task's.
/// An actor alone would not do: it is reentrant at every `await`, and a transaction awaits
/// once per statement. A free gate is taken where the caller runs, under a lock: no hop to
/// another executor and back, which every statement would pay.
package final class SerialGate: Sendable {
    private struct State: ~Copyable {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// A free gate.
    package init() {}

    /// Waits until the gate is free and takes it.
    package func acquire() async {
        let taken = state.withLock { s in
            guard !s.held else { return false }
            s.held = true
            return true
        }
        guard !taken else { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            // Freed since the first look: take it now, or queue (the lock makes the two exclusive).
            let takenNow = state.withLock { s in
                guard s.held else {
                    s.held = true
                    return true
                }
                s.waiters.append(waiter)
                return false
            }
            if takenNow { waiter.resume() }
        }
        // Ownership was handed over by `release()`: `held` is still true.
    }

    /// How many callers are waiting for the gate.
    package var waiting: Int { state.withLock { $0.waiters.count } }

    /// Hands the gate to the next waiter, or frees it.
    package func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.waiters.isEmpty else {
                s.held = false
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}

extension SerialGate {
    /// Runs `body` while holding the gate; releases it whether `body` returns or throws.
    package func withGate<T: Sendable>(
        _ body: () async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }
}
