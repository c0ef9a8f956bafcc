import Foundation
import Storage
import StorageSQLite
import Synchronization

/// A store that forwards everything to SQLite, except that one chosen idempotency reservation
/// can be held after it is made, or one result held before it is saved (alone, with the send that
/// completes a reservation, or with the send that claims its key): the windows in which a
/// concurrent request with the same key could slip through.
final class HeldStore: ForwardingStore {
    let base: SQLiteStore
    private let armed = Mutex(false)
    private let armedSave = Mutex(false)
    private let (reachedStream, reachedSink) = AsyncStream.makeStream(of: Void.self)
    private let (releaseStream, releaseSink) = AsyncStream.makeStream(of: Void.self)

    init(base: SQLiteStore) { self.base = base }

    /// The next idempotency reservation will wait for `release()` after it is made.
    func holdNextLookup() { armed.withLock { $0 = true } }
    /// The next saved idempotent response (alone, or with the send it answers) will wait for
    /// `release()` before it is written.
    func holdNextSave() { armedSave.withLock { $0 = true } }
    /// Returns once a held lookup or save is waiting.
    func waitUntilHeld() async { var it = reachedStream.makeAsyncIterator(); _ = await it.next() }
    /// Lets the held lookup return.
    func release() { releaseSink.yield() }

    func reserveIdempotency(caller: String, key: String, requestHash: String, at: Date,
                            lease: TimeInterval) async throws(StorageError) -> IdempotencyReservation {
        let result = try await base.reserveIdempotency(caller: caller, key: key, requestHash: requestHash, at: at, lease: lease)
        let hold = armed.withLock { armed in defer { armed = false }; return armed }
        if hold {
            reachedSink.yield()
            var it = releaseStream.makeAsyncIterator()
            _ = await it.next()
        }
        return result
    }

    func completeIdempotency(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        let hold = armedSave.withLock { armed in defer { armed = false }; return armed }
        if hold {
            reachedSink.yield()
            var it = releaseStream.makeAsyncIterator()
            _ = await it.next()
        }
        return try await base.completeIdempotency(r)
    }

    func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        await holdIfArmed(send)
        return try await base.commitSend(send)
    }

    func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        await holdIfArmed(send)
        return try await base.claimSend(send)
    }

    /// Waits for `release()` when a save is armed and `send` saves an idempotent response.
    private func holdIfArmed(_ send: AcceptedSend) async {
        let hold = send.idempotency != nil && armedSave.withLock { armed in defer { armed = false }; return armed }
        if hold {
            reachedSink.yield()
            var it = releaseStream.makeAsyncIterator()
            _ = await it.next()
        }
    }
}
