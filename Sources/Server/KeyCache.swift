import Foundation
import Storage
import Synchronization

/// API keys read from the store, kept by hash for at most `maxAge` so that a request does not
/// wait on the database for its key. A key revoked through this server stops working at once; one
/// revoked elsewhere (another instance, `textgate keys revoke`) within `maxAge`.
///
/// Only keys the store holds are kept (an unknown key is looked up every time, so guessing
/// cannot fill the cache), at most `capacity` of them.
final class KeyCache: Sendable {
    private struct Entry {
        var key: StoredKey
        var readAt: Date
    }

    /// How long a key read from the store is trusted without reading it again.
    let maxAge: TimeInterval
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])
    /// The hash of each `Authorization` header a stored key was sent in, as sent: a header seen
    /// before is not parsed and hashed again. (The key itself is still read by its hash.)
    private let hashes = Mutex<[String: String]>([:])

    init(maxAge: TimeInterval = 1, capacity: Int = 10_000) {
        self.maxAge = maxAge
        self.capacity = capacity
    }

    /// The key hash of an `Authorization` header that carried a stored key before, or nil.
    func hash(ofHeader header: String) -> String? {
        hashes.withLock { $0[header] }
    }

    /// The stored key with this hash, as `key(hash:store:now:)` gives it; when there is one, the
    /// hash of `header` is kept for `hash(ofHeader:)`.
    func key(hash: String, header: String, store: any TextgateStore, now: Date) async throws(StorageError) -> StoredKey? {
        let stored = try await key(hash: hash, store: store, now: now)
        if stored != nil {
            hashes.withLock { hashes in
                if hashes.count >= capacity, hashes[header] == nil { hashes.removeAll(keepingCapacity: true) }
                hashes[header] = hash
            }
        }
        return stored
    }

    /// The stored key with this hash, from the cache when read within `maxAge` of `now`, else from `store`.
    func key(hash: String, store: any TextgateStore, now: Date) async throws(StorageError) -> StoredKey? {
        let cached = entries.withLock { $0[hash] }
        // A clock that went back counts as stale too.
        if let cached, now >= cached.readAt, now.timeIntervalSince(cached.readAt) < maxAge { return cached.key }
        let stored = try await store.key(hash: hash)
        entries.withLock { entries in
            guard let stored, maxAge > 0 else { entries[hash] = nil; return }
            if entries.count >= capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(key: stored, readAt: now)
        }
        return stored
    }

    /// Forgets the key with this id, so its next use reads the store.
    func forget(id: String) {
        entries.withLock { entries in
            for (hash, entry) in entries where entry.key.id == id { entries[hash] = nil }
        }
    }
}
