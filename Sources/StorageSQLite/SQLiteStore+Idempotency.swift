import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// The stored first response for a caller's idempotency key (never a reservation still running),
    /// read on the reader connection: a request looks up its key without waiting for the writer.
    public func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? {
        try await read("SELECT * FROM idempotent_responses WHERE caller = ? AND key = ? AND state = 'completed'",
                        [Bind.text(caller), Bind.text(key)], "read idempotent response").first.map(Self.response)
    }

    /// Stores a first response; false (and nothing changed) when the key already has one or is reserved.
    /// One atomic statement, so of two concurrent saves exactly one returns true.
    public func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        let rows = try await durableQuery(Self.insertResponseSQL + " ON CONFLICT (caller, key) DO NOTHING RETURNING key",
                                          Self.responseBinds(r), "save idempotent response")
        return !rows.isEmpty
    }

    /// Inserts a completed response: with ``responseBinds(_:)``.
    static let insertResponseSQL = """
        INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state)
        VALUES (?, ?, ?, ?, ?, ?, 'completed')
        """

    /// A response's values for ``insertResponseSQL``.
    static func responseBinds(_ r: IdempotentResponse) -> [SQLiteData] {
        [Bind.text(r.caller), Bind.text(r.key), Bind.int(r.status), Bind.text(r.body), Bind.date(r.createdAt), Bind.text(r.requestHash)]
    }

    /// Reserves the key in one `BEGIN IMMEDIATE` transaction: insert, or take over a reservation
    /// whose lease ran out, or read what holds the key.
    public func reserveIdempotency(caller: String, key: String, requestHash: String, at: Date,
                                   lease: TimeInterval) async throws(StorageError) -> IdempotencyReservation {
        // An upsert breaks no constraint: it needs no savepoint of its own in a group commit.
        try await durableTransaction("reserve idempotency key", isolated: false) { (tx) async throws(StorageError) -> IdempotencyReservation in
            let taken = try await tx.query(
                """
                INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state, lease_until)
                VALUES (?, ?, 0, '', ?, ?, 'pending', ?)
                ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash,
                    created_at = excluded.created_at, lease_until = excluded.lease_until
                WHERE idempotent_responses.state = 'pending' AND idempotent_responses.lease_until <= excluded.created_at
                RETURNING key
                """,
                [Bind.text(caller), Bind.text(key), Bind.date(at), Bind.text(requestHash),
                 Bind.date(at.addingTimeInterval(lease))])
            if !taken.isEmpty { return .reserved }
            guard let row = try await tx.query("SELECT * FROM idempotent_responses WHERE caller = ? AND key = ?",
                                               [Bind.text(caller), Bind.text(key)]).first else {
                throw .unavailable("reserve idempotency key: the key \(key) is neither free nor held")
            }
            let pending = try RowReader(row: row, table: "idempotent_responses").string("state") == "pending"
            return .existing(try Self.response(row), pending: pending, requestHash: requestHash)
        }
    }

    /// Saves the result for a reservation; false when the reservation is gone.
    public func completeIdempotency(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        !(try await durableQuery(Self.completeIdempotencySQL, Self.completionBinds(r), "complete idempotency key \(r.key)")).isEmpty
    }

    /// Saves a reservation's result, returning its key when the reservation was still there:
    /// with ``completionBinds(_:)``.
    static let completeIdempotencySQL = """
        UPDATE idempotent_responses SET status = ?, body = ?, created_at = ?, state = 'completed', lease_until = NULL
        WHERE caller = ? AND key = ? AND state = 'pending' AND request_hash = ? RETURNING key
        """

    /// A result's values for ``completeIdempotencySQL``.
    static func completionBinds(_ r: IdempotentResponse) -> [SQLiteData] {
        [Bind.int(r.status), Bind.text(r.body), Bind.date(r.createdAt), Bind.text(r.caller), Bind.text(r.key),
         Bind.text(r.requestHash)]
    }

    /// Forgets a reservation that has no result yet; false when there was none.
    public func releaseIdempotency(caller: String, key: String) async throws(StorageError) -> Bool {
        !(try await durableQuery(
            "DELETE FROM idempotent_responses WHERE caller = ? AND key = ? AND state = 'pending' RETURNING key",
            [Bind.text(caller), Bind.text(key)], "release idempotency key \(key)")).isEmpty
    }

    static func response(_ row: some StoreRow) throws(StorageError) -> IdempotentResponse {
        let r = RowReader(row: row, table: "idempotent_responses")
        return IdempotentResponse(caller: try r.string("caller"), key: try r.string("key"), status: try r.int("status"),
                                  body: try r.string("body"), createdAt: try r.date("created_at"),
                                  requestHash: try r.string("request_hash"))
    }
}
