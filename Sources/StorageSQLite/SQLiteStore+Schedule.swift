import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Schema version 7: broadcasts, appointments and scheduled sends.
    static let scheduleSchema = [
        """
        CREATE TABLE broadcasts (
            id TEXT PRIMARY KEY NOT NULL,
            caller TEXT NOT NULL,
            kind TEXT NOT NULL,
            notify TEXT NOT NULL,
            templates TEXT NOT NULL,
            queue TEXT,
            scheduled_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            cancelled_at TEXT
        )
        """,
        """
        CREATE TABLE appointments (
            id TEXT PRIMARY KEY NOT NULL,
            recipient_id TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            location TEXT,
            provider TEXT,
            status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'flagged')),
            note TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX appointments_by_start ON appointments (starts_at, id)",
        """
        CREATE TABLE scheduled_sends (
            id TEXT PRIMARY KEY NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('broadcast', 'reminder')),
            parent_id TEXT NOT NULL,
            recipient_id TEXT NOT NULL,
            offset_seconds INTEGER NOT NULL,
            due_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
            reason TEXT,
            message_id TEXT,
            attempts INTEGER NOT NULL,
            claimed_by TEXT,
            lease_until TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX scheduled_sends_due ON scheduled_sends (state, due_at, id)",
        "CREATE INDEX scheduled_sends_by_parent ON scheduled_sends (parent_id, created_at, id)",
        "CREATE INDEX scheduled_sends_by_message ON scheduled_sends (message_id)",
    ]

    /// Claims due sends in one `BEGIN IMMEDIATE` transaction, synced to disk.
    public func claimDueSends(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [ScheduledSend] {
        guard limit > 0 else { return [] }
        let rows = try await transaction("claim due sends for \(worker)", durable: true) { (tx) async throws(StorageError) -> [SQLiteRow] in
            try await tx.query(
                """
                UPDATE scheduled_sends SET claimed_by = ?, lease_until = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM scheduled_sends
                             WHERE state = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                             ORDER BY due_at, id LIMIT ?)
                RETURNING *
                """,
                [Bind.text(worker), Bind.date(now.addingTimeInterval(lease)), Bind.date(now), Bind.date(now), Bind.int(limit)])
        }
        return try rows.map(Self.scheduledSend).sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
    }

    /// Records an outcome, synced to disk (a broadcast's progress survives power loss).
    public func finishSend(id: String, state: SendState, reason: String?, messageId: String?,
                           at: Date) async throws(StorageError) -> Bool {
        !(try await durableQuery(
            """
            UPDATE scheduled_sends SET state = ?, reason = ?, message_id = COALESCE(?, message_id), claimed_by = NULL,
                lease_until = NULL, updated_at = ?
            WHERE id = ? AND state = 'pending' RETURNING id
            """,
            [Bind.text(state.rawValue), Bind.text(reason), Bind.text(messageId), Bind.date(at), Bind.text(id)],
            "record the outcome of scheduled send \(id)")).isEmpty
    }

    /// Moves a pending send and releases its claim.
    public func deferSend(id: String, until dueAt: Date, at: Date) async throws(StorageError) -> Bool {
        !(try await durableQuery(
            """
            UPDATE scheduled_sends SET due_at = ?, claimed_by = NULL, lease_until = NULL, updated_at = ?
            WHERE id = ? AND state = 'pending' RETURNING id
            """,
            [Bind.date(dueAt), Bind.date(at), Bind.text(id)], "defer scheduled send \(id)")).isEmpty
    }

    /// One send.
    public func scheduledSend(id: String) async throws(StorageError) -> ScheduledSend? {
        try await query("SELECT * FROM scheduled_sends WHERE id = ?", [Bind.text(id)], "read scheduled send")
            .first.map(Self.scheduledSend)
    }

    /// The sends of a broadcast or appointment, in creation order.
    public func scheduledSends(parentId: String) async throws(StorageError) -> [ScheduledSend] {
        try await query("SELECT * FROM scheduled_sends WHERE parent_id = ? ORDER BY created_at, id", [Bind.text(parentId)],
                        "list scheduled sends").map(Self.scheduledSend)
    }

    /// The outbox items of a message, oldest first.
    public func outboxItems(messageId: String) async throws(StorageError) -> [OutboxItem] {
        try await query("SELECT * FROM outbox WHERE message_id = ? ORDER BY created_at, rowid", [Bind.text(messageId)],
                        "list outbox items of a message").map(Self.outboxItem)
    }

    /// Inserts a send inside a transaction.
    static func insert(_ s: ScheduledSend, _ tx: Transaction) async throws(StorageError) {
        _ = try await tx.query(
            """
            INSERT INTO scheduled_sends (id, source, parent_id, recipient_id, offset_seconds, due_at, state, reason,
                message_id, attempts, claimed_by, lease_until, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Bind.text(s.id), Bind.text(s.source.rawValue), Bind.text(s.parentId), Bind.text(s.recipientId),
             Bind.int(s.offsetSeconds), Bind.date(s.dueAt), Bind.text(s.state.rawValue), Bind.text(s.reason),
             Bind.text(s.messageId), Bind.int(s.attempts), Bind.text(s.claimedBy), Bind.date(s.leaseUntil),
             Bind.date(s.createdAt), Bind.date(s.updatedAt)])
    }

    static func scheduledSend(_ row: some StoreRow) throws(StorageError) -> ScheduledSend {
        let r = RowReader(row: row, table: "scheduled_sends")
        return ScheduledSend(
            id: try r.string("id"), source: try r.enumValue("source", SendSource.self), parentId: try r.string("parent_id"),
            recipientId: try r.string("recipient_id"), offsetSeconds: try r.int("offset_seconds"), dueAt: try r.date("due_at"),
            state: try r.enumValue("state", SendState.self), reason: try r.optionalString("reason"),
            messageId: try r.optionalString("message_id"), attempts: try r.int("attempts"),
            claimedBy: try r.optionalString("claimed_by"), leaseUntil: try r.optionalDate("lease_until"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
