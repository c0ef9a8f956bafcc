import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds a key. - Throws: `StorageError.conflict` for a duplicate id or hash.
    public func insertKey(_ key: StoredKey) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO api_keys (id, name, roles, hash, created_at, revoked_at)
            VALUES (\(key.id), \(key.name), \(key.roles), \(key.hash), \(Millisecond.date(key.createdAt)),
                    \(Millisecond.date(key.revokedAt)))
            """,
            "add API key \(key.id) (id or hash already stored)")
    }

    /// The key with this hash, revoked or not.
    public func key(hash: String) async throws(StorageError) -> StoredKey? {
        try await query("SELECT * FROM api_keys WHERE hash = \(hash)", "find API key").first.map(Self.storedKey)
    }

    /// Every key, oldest first.
    public func keys() async throws(StorageError) -> [StoredKey] {
        try await query("SELECT * FROM api_keys ORDER BY created_at, seq", "list API keys").map(Self.storedKey)
    }

    /// Marks a key revoked; false when no such key or already revoked.
    public func revokeKey(id: String, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            "UPDATE api_keys SET revoked_at = \(Millisecond.date(at)) WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
            "revoke API key \(id)")).isEmpty
    }

    static func storedKey(_ row: PostgresRow) throws(StorageError) -> StoredKey {
        let r = RowReader(row, table: "api_keys")
        return StoredKey(id: try r.string("id"), name: try r.string("name"), roles: try r.stringArray("roles"),
                         hash: try r.string("hash"), createdAt: try r.date("created_at"),
                         revokedAt: try r.optionalDate("revoked_at"))
    }
}
