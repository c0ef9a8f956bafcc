import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The stored first response for a caller's idempotency key (never a reservation still running).
    public func idempotentResponse(caller: String, key: String) async throws(StorageError) -> IdempotentResponse? {
        try await execute(Prepared<SendPathReads.CompletedResponse>(caller, key), "read idempotent response").first.map(Self.response)
    }

    /// Stores a first response; false (and nothing changed) when the key already has one or is reserved.
    /// One atomic statement, so of two concurrent saves (from any instances) exactly one returns true.
    public func saveIdempotentResponse(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        !(try await query(
            """
            INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state)
            VALUES (\(r.caller), \(r.key), \(r.status), \(r.body), \(Millisecond.date(r.createdAt)), \(r.requestHash), 'completed')
            ON CONFLICT (caller, key) DO NOTHING RETURNING key
            """,
            "save idempotent response")).isEmpty
    }

    /// Reserves the key: one upsert inserts it, or takes over a reservation whose lease ran out;
    /// otherwise what holds the key is read. A holder that disappears between the two (released)
    /// means the key is free again, so it tries once more.
    public func reserveIdempotency(caller: String, key: String, requestHash: String, at: Date,
                                   lease: TimeInterval) async throws(StorageError) -> IdempotencyReservation {
        let now = Millisecond.date(at), until = Millisecond.date(at.addingTimeInterval(lease))
        for _ in 0..<3 {
            let taken = try await query(
                """
                INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state, lease_until)
                VALUES (\(caller), \(key), 0, '', \(now), \(requestHash), 'pending', \(until))
                ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash,
                    created_at = excluded.created_at, lease_until = excluded.lease_until
                WHERE idempotent_responses.state = 'pending' AND idempotent_responses.lease_until <= excluded.created_at
                RETURNING key
                """,
                "reserve idempotency key \(key)")
            if !taken.isEmpty { return .reserved }
            if let row = try await query("SELECT * FROM idempotent_responses WHERE caller = \(caller) AND key = \(key)",
                                         "read idempotency key \(key)").first {
                let pending = try RowReader(row, table: "idempotent_responses").string("state") == "pending"
                return .existing(try Self.response(row), pending: pending, requestHash: requestHash)
            }
        }
        throw .unavailable("reserve idempotency key \(key) in PostgreSQL at \(location): it was taken and released three times in a row; try again")
    }

    /// Saves the result for a reservation; false when the reservation is gone.
    public func completeIdempotency(_ r: IdempotentResponse) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE idempotent_responses SET status = \(r.status), body = \(r.body), created_at = \(Millisecond.date(r.createdAt)),
                state = 'completed', lease_until = NULL
            WHERE caller = \(r.caller) AND key = \(r.key) AND state = 'pending' AND request_hash = \(r.requestHash)
            RETURNING key
            """,
            "complete idempotency key \(r.key)")).isEmpty
    }

    /// Forgets a reservation that has no result yet; false when there was none.
    public func releaseIdempotency(caller: String, key: String) async throws(StorageError) -> Bool {
        !(try await query(
            "DELETE FROM idempotent_responses WHERE caller = \(caller) AND key = \(key) AND state = 'pending' RETURNING key",
            "release idempotency key \(key)")).isEmpty
    }

    static func response(_ row: PostgresRow) throws(StorageError) -> IdempotentResponse {
        let r = RowReader(row, table: "idempotent_responses")
        return IdempotentResponse(caller: try r.string("caller"), key: try r.string("key"), status: try r.int("status"),
                                  body: try r.string("body"), createdAt: try r.date("created_at"),
                                  requestHash: try r.string("request_hash"))
    }
}
