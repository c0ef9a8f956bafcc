import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Schema version 6: broadcasts, appointments and scheduled sends.
    static let scheduleSchema = [
        """
        CREATE TABLE broadcasts (
            id text PRIMARY KEY, caller text NOT NULL, kind text NOT NULL, notify text[] NOT NULL, templates text NOT NULL,
            queue text, scheduled_at timestamptz NOT NULL, created_at timestamptz NOT NULL, cancelled_at timestamptz
        )
        """,
        """
        CREATE TABLE appointments (
            id text PRIMARY KEY, recipient_id text NOT NULL, starts_at timestamptz NOT NULL, location text, provider text,
            status text NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'flagged')), note text,
            created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX appointments_by_start ON appointments (starts_at, id COLLATE \"C\")",
        """
        CREATE TABLE scheduled_sends (
            id text PRIMARY KEY, source text NOT NULL CHECK (source IN ('broadcast', 'reminder')), parent_id text NOT NULL,
            recipient_id text NOT NULL, offset_seconds bigint NOT NULL, due_at timestamptz NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'sent', 'skipped', 'failed')), reason text, message_id text,
            attempts bigint NOT NULL, claimed_by text, lease_until timestamptz,
            created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX scheduled_sends_due ON scheduled_sends (due_at, id COLLATE \"C\") WHERE state = 'pending'",
        "CREATE INDEX scheduled_sends_by_parent ON scheduled_sends (parent_id, created_at, id COLLATE \"C\")",
        "CREATE INDEX scheduled_sends_by_message ON scheduled_sends (message_id)",
    ]

    /// Claims due sends with `FOR UPDATE SKIP LOCKED`, so instances claiming at once never get
    /// the same send.
    public func claimDueSends(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [ScheduledSend] {
        guard limit > 0 else { return [] }
        let at = Millisecond.date(now)
        let rows = try await query(
            """
            WITH picked AS (
                SELECT id FROM scheduled_sends
                WHERE state = 'pending' AND due_at <= \(at) AND (lease_until IS NULL OR lease_until <= \(at))
                ORDER BY due_at, id COLLATE "C" LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE scheduled_sends s SET claimed_by = \(worker), lease_until = \(Millisecond.date(now.addingTimeInterval(lease))),
                attempts = s.attempts + 1
            FROM picked WHERE s.id = picked.id
            RETURNING s.*
            """,
            "claim due sends for \(worker)")
        return try rows.map(Self.scheduledSend).sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
    }

    /// Records an outcome (committed with the default `synchronous_commit`).
    public func finishSend(id: String, state: SendState, reason: String?, messageId: String?,
                           at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE scheduled_sends SET state = \(state.rawValue), reason = \(reason), message_id = COALESCE(\(messageId), message_id),
                claimed_by = NULL, lease_until = NULL, updated_at = \(Millisecond.date(at))
            WHERE id = \(id) AND state = 'pending' RETURNING id
            """,
            "record the outcome of scheduled send \(id)")).isEmpty
    }

    /// Moves a pending send and releases its claim.
    public func deferSend(id: String, until dueAt: Date, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE scheduled_sends SET due_at = \(Millisecond.date(dueAt)), claimed_by = NULL, lease_until = NULL,
                updated_at = \(Millisecond.date(at))
            WHERE id = \(id) AND state = 'pending' RETURNING id
            """,
            "defer scheduled send \(id)")).isEmpty
    }

    /// One send.
    public func scheduledSend(id: String) async throws(StorageError) -> ScheduledSend? {
        try await query("SELECT * FROM scheduled_sends WHERE id = \(id)", "read scheduled send").first.map(Self.scheduledSend)
    }

    /// The sends of a broadcast or appointment, in creation order.
    public func scheduledSends(parentId: String) async throws(StorageError) -> [ScheduledSend] {
        try await query("SELECT * FROM scheduled_sends WHERE parent_id = \(parentId) ORDER BY created_at, id COLLATE \"C\"",
                        "list scheduled sends").map(Self.scheduledSend)
    }

    /// The outbox items of a message, oldest first.
    public func outboxItems(messageId: String) async throws(StorageError) -> [OutboxItem] {
        try await query("SELECT * FROM outbox WHERE message_id = \(messageId) ORDER BY created_at, seq",
                        "list outbox items of a message").map(Self.outboxItem)
    }

    /// Inserts a send inside a transaction.
    static func insert(_ s: ScheduledSend, _ tx: Transaction) async throws(StorageError) {
        _ = try await tx.query(
            """
            INSERT INTO scheduled_sends (id, source, parent_id, recipient_id, offset_seconds, due_at, state, reason,
                message_id, attempts, claimed_by, lease_until, created_at, updated_at)
            VALUES (\(s.id), \(s.source.rawValue), \(s.parentId), \(s.recipientId), \(s.offsetSeconds),
                    \(Millisecond.date(s.dueAt)), \(s.state.rawValue), \(s.reason), \(s.messageId), \(s.attempts),
                    \(s.claimedBy), \(Millisecond.date(s.leaseUntil)), \(Millisecond.date(s.createdAt)),
                    \(Millisecond.date(s.updatedAt)))
            """)
    }

    static func scheduledSend(_ row: PostgresRow) throws(StorageError) -> ScheduledSend {
        let r = RowReader(row, table: "scheduled_sends")
        return ScheduledSend(
            id: try r.string("id"), source: try r.enumValue("source", SendSource.self), parentId: try r.string("parent_id"),
            recipientId: try r.string("recipient_id"), offsetSeconds: try r.int("offset_seconds"), dueAt: try r.date("due_at"),
            state: try r.enumValue("state", SendState.self), reason: try r.optionalString("reason"),
            messageId: try r.optionalString("message_id"), attempts: try r.int("attempts"),
            claimedBy: try r.optionalString("claimed_by"), leaseUntil: try r.optionalDate("lease_until"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
