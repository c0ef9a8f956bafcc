import Foundation
import Storage
import StorageSQLite
import Synchronization

/// A store that forwards everything to SQLite, except that one chosen `idempotentResponse`
/// lookup can be held after it has read the store: the window between "no stored response yet"
/// and "mark the key in flight" that a concurrent request could use.
final class HeldStore: ForwardingStore {
    let base: SQLiteStore
    private let armed = Mutex(false)
    private let armedSave = Mutex(false)
    private let (reachedStream, reachedSink) = AsyncStream.makeStream(of: Void.self)
    private let (releaseStream, releaseSink) = AsyncStream.makeStream(of: Void.self)

    init(base: SQLiteStore) { self.base = base }

    /// The next idempotency lookup will wait for `release()` after reading.
    func holdNextLookup() { armed.withLock { $0 = true } }
    /// The next saved idempotent response will wait for `release()` before it is written.
    func holdNextSave() { armedSave.withLock { $0 = true } }
    /// Returns once a held lookup or save is waiting.
    func waitUntilHeld() async { var it = reachedStream.makeAsyncIterator(); _ = await it.next() }
    /// Lets the held lookup return.
    func release() { releaseSink.yield() }

    func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? {
        let result = try await base.idempotentResponse(caller: caller, key: key)
        let hold = armed.withLock { armed in defer { armed = false }; return armed }
        if hold {
            reachedSink.yield()
            var it = releaseStream.makeAsyncIterator()
            _ = await it.next()
        }
        return result
    }

    func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        let hold = armedSave.withLock { armed in defer { armed = false }; return armed }
        if hold {
            reachedSink.yield()
            var it = releaseStream.makeAsyncIterator()
            _ = await it.next()
        }
        return try await base.saveIdempotentResponse(r)
    }

}
