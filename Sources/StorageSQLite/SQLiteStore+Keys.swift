import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds a key. - Throws: `StorageError.conflict` for a duplicate id or hash.
    public func insertKey(_ key: StoredKey) async throws(StorageError) {
        _ = try await query(
            "INSERT INTO api_keys (id, name, roles, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
            [Bind.text(key.id), Bind.text(key.name), Bind.array(key.roles), Bind.text(key.hash),
             Bind.date(key.createdAt), Bind.date(key.revokedAt)],
            "add API key \(key.id) (id or hash already stored)")
    }

    /// The key with this hash, revoked or not.
    public func key(hash: String) async throws(StorageError) -> StoredKey? {
        let rows = try await read("SELECT * FROM api_keys WHERE hash = ?", [Bind.text(hash)], "find API key")
        return try rows.first.map(Self.storedKey)
    }

    /// Every key, oldest first.
    public func keys() async throws(StorageError) -> [StoredKey] {
        try await query("SELECT * FROM api_keys ORDER BY created_at, rowid", [], "list API keys").map(Self.storedKey)
    }

    /// Marks a key revoked; false when no such key or already revoked.
    public func revokeKey(id: String, at: Date) async throws(StorageError) -> Bool {
        let rows = try await query(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id",
            [Bind.date(at), Bind.text(id)], "revoke API key \(id)")
        return !rows.isEmpty
    }

    static func storedKey(_ row: some StoreRow) throws(StorageError) -> StoredKey {
        let r = RowReader(row: row, table: "api_keys")
        return StoredKey(id: try r.string("id"), name: try r.string("name"), roles: try r.stringArray("roles"),
                         hash: try r.string("hash"), createdAt: try r.date("created_at"),
                         revokedAt: try r.optionalDate("revoked_at"))
    }
}
