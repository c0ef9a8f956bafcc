import Foundation
import Storage
import StorageSQLite
import Synchronization

/// A store that forwards everything to SQLite, but can hold one chosen read until `release()`:
/// the PIN read that comes just before a PIN is judged, or the patient read that comes just
/// before an identity check is judged. Used to run other requests inside that window.
final class SecureGateStore: ForwardingStore {
    let base: SQLiteStore
    private let pinCountdown = Mutex<Int?>(nil)
    private let recipientArmed = Mutex(false)
    private let (reachedStream, reachedSink) = AsyncStream.makeStream(of: Void.self)
    private let (releaseStream, releaseSink) = AsyncStream.makeStream(of: Void.self)

    init(base: SQLiteStore) { self.base = base }

    /// Holds the `n`th PIN read from now (1 is the next one).
    func holdPinRead(_ n: Int) { pinCountdown.withLock { $0 = n } }
    /// Holds the next patient read.
    func holdNextRecipientRead() { recipientArmed.withLock { $0 = true } }
    /// Returns once a read is held (or after `timeout` seconds, returning false).
    func waitUntilHeld(timeout: TimeInterval = 30) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { var it = self.reachedStream.makeAsyncIterator(); return await it.next() != nil }
            group.addTask { try? await Task.sleep(for: .seconds(timeout)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
    /// Lets the held read return.
    func release() { releaseSink.yield() }

    private func wait() async {
        reachedSink.yield()
        var it = releaseStream.makeAsyncIterator()
        _ = await it.next()
    }

    func pin(recipientId: String) async throws(StorageError) -> StoredPIN? {
        let result = try await base.pin(recipientId: recipientId)
        let hold = pinCountdown.withLock { n -> Bool in
            guard let k = n else { return false }
            n = k - 1 > 0 ? k - 1 : nil
            return k == 1
        }
        if hold { await wait() }
        return result
    }

    func recipient(id: String) async throws(StorageError) -> Recipient? {
        let result = try await base.recipient(id: id)
        let hold = recipientArmed.withLock { armed in defer { armed = false }; return armed }
        if hold { await wait() }
        return result
    }

}
