import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The stored first response for a caller's idempotency key.
    public func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? {
        try await query("SELECT * FROM idempotent_responses WHERE caller = \(caller) AND key = \(key)",
                        "read idempotent response").first.map(Self.response)
    }

    /// Stores a first response; false (and nothing changed) when the key already has one.
    /// One atomic statement, so of two concurrent saves (from any instances) exactly one returns true.
    public func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        !(try await query(
            """
            INSERT INTO idempotent_responses (caller, key, status, body, created_at)
            VALUES (\(r.caller), \(r.key), \(r.status), \(r.body), \(Millisecond.date(r.createdAt)))
            ON CONFLICT (caller, key) DO NOTHING RETURNING key
            """,
            "save idempotent response")).isEmpty
    }

    static func response(_ row: PostgresRow) throws(StorageError) -> IdempotentResponse {
        let r = RowReader(row, table: "idempotent_responses")
        return IdempotentResponse(caller: try r.string("caller"), key: try r.string("key"), status: try r.int("status"),
                                  body: try r.string("body"), createdAt: try r.date("created_at"))
    }
}
