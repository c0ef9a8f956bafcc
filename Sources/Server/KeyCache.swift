import Foundation
import Storage
import Synchronization

/// API keys read from the store, kept by hash for at most `maxAge` so that a request does not
/// wait on the database for its key. A key revoked through this server stops working at once; one
/// revoked elsewhere (another instance, `textgate keys revoke`) within `maxAge`.
///
/// Past half of `maxAge` a key is read again in the background while requests go on using it
/// (one read per key at a time), so under steady use no request waits on the database, even
/// when it is slow for a moment; only a key not read again by `maxAge` makes a request wait.
///
/// Only keys the store holds are kept (an unknown key is looked up every time, so guessing
/// cannot fill the cache), at most `capacity` of them.
final class KeyCache: Sendable {
    private struct Entry {
        var key: StoredKey
        var readAt: Date
    }

    private struct Cache {
        var entries: [String: Entry] = [:]
        var forgets = 0
        /// The hashes of the keys being read again in the background.
        var refreshing: Set<String> = []
    }

    /// How long a key read from the store is trusted without reading it again.
    let maxAge: TimeInterval
    private let capacity: Int
    /// The keys, how many times a key was forgotten (revoked here: a read that began before a
    /// key was forgotten may have read it before its revocation, and is not kept), and the keys
    /// being read again.
    private let cache = Mutex(Cache())
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
        let (cached, forgets) = cache.withLock { ($0.entries[hash], $0.forgets) }
        // A clock that went back counts as stale too.
        if let cached, now >= cached.readAt, case let age = now.timeIntervalSince(cached.readAt), age < maxAge {
            if age >= maxAge / 2 { refresh(hash: hash, store: store, now: now, forgets: forgets) }
            return cached.key
        }
        let stored = try await store.key(hash: hash)
        keep(stored, hash: hash, readAt: now, forgets: forgets)
        return stored
    }

    /// Reads the key with this hash again in a task of its own, unless a read of it is under way.
    private func refresh(hash: String, store: any TextgateStore, now: Date, forgets: Int) {
        guard cache.withLock({ $0.refreshing.insert(hash).inserted }) else { return }
        Task {
            defer { cache.withLock { _ = $0.refreshing.remove(hash) } }
            do {
                keep(try await store.key(hash: hash), hash: hash, readAt: now, forgets: forgets)
            } catch {
                // Nothing to report here: the entry expires at `maxAge`, and the next request
                // then reads the store itself and answers its failure.
            }
        }
    }

    /// Keeps `stored`, read from the store at `readAt` when `forgets` keys had been forgotten;
    /// forgets the hash when there is no such key.
    private func keep(_ stored: StoredKey?, hash: String, readAt: Date, forgets: Int) {
        cache.withLock { c in
            guard let stored, maxAge > 0 else { c.entries[hash] = nil; return }
            // Read before a key was revoked here: it may be that key, as it was.
            guard c.forgets == forgets else { return }
            // A read that began before a newer one ended must not make the key look older.
            if let newer = c.entries[hash], newer.readAt > readAt { return }
            if c.entries.count >= capacity, c.entries[hash] == nil { c.entries.removeAll(keepingCapacity: true) }
            c.entries[hash] = Entry(key: stored, readAt: readAt)
        }
    }

    /// Forgets the key with this id, so its next use reads the store.
    func forget(id: String) {
        cache.withLock { c in
            c.forgets += 1
            for (hash, entry) in c.entries where entry.key.id == id { c.entries[hash] = nil }
        }
    }
}
