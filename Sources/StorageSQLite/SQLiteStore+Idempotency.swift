import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// The stored first response for a caller's idempotency key.
    public func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? {
        try await query("SELECT * FROM idempotent_responses WHERE caller = ? AND key = ?",
                        [Bind.text(caller), Bind.text(key)], "read idempotent response").first.map(Self.response)
    }

    /// Stores a first response; false (and nothing changed) when the key already has one.
    /// One atomic statement, so of two concurrent saves exactly one returns true.
    public func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        let rows = try await query(
            """
            INSERT INTO idempotent_responses (caller, key, status, body, created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (caller, key) DO NOTHING RETURNING key
            """,
            [Bind.text(r.caller), Bind.text(r.key), Bind.int(r.status), Bind.text(r.body), Bind.date(r.createdAt)],
            "save idempotent response")
        return !rows.isEmpty
    }

    static func response(_ row: SQLiteRow) throws(StorageError) -> IdempotentResponse {
        let r = RowReader(row: row, table: "idempotent_responses")
        return IdempotentResponse(caller: try r.string("caller"), key: try r.string("key"), status: try r.int("status"),
                                  body: try r.string("body"), createdAt: try r.date("created_at"))
    }
}
