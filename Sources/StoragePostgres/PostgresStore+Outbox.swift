import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds an outbox item.
    /// - Throws: `StorageError.conflict` for a duplicate id or a message id that is not stored.
    public func insertOutbox(_ item: OutboxItem) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO outbox (id, message_id, channel, sender, receiver, body, created_at, acked_at)
            VALUES (\(item.id), \(item.messageId), \(item.channel), \(item.from), \(item.to), \(item.body),
                    \(Millisecond.date(item.createdAt)), \(Millisecond.date(item.ackedAt)))
            """,
            "add outbox item \(item.id) (duplicate id, or message \(item.messageId) not stored)")
    }

    /// Outbox items, oldest first; only unacknowledged ones unless `includeAcked`.
    public func outbox(includeAcked: Bool) async throws(StorageError) -> [OutboxItem] {
        let rows = includeAcked
            ? try await query("SELECT * FROM outbox ORDER BY created_at, seq", "list outbox")
            : try await query("SELECT * FROM outbox WHERE acked_at IS NULL ORDER BY created_at, seq", "list outbox")
        return try rows.map(Self.outboxItem)
    }

    /// Acknowledges an item; false when unknown or already acknowledged (the first time is kept).
    public func ackOutbox(id: String, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            "UPDATE outbox SET acked_at = \(Millisecond.date(at)) WHERE id = \(id) AND acked_at IS NULL RETURNING id",
            "acknowledge outbox item \(id)")).isEmpty
    }

    static func outboxItem(_ row: PostgresRow) throws(StorageError) -> OutboxItem {
        let r = RowReader(row, table: "outbox")
        return OutboxItem(id: try r.string("id"), messageId: try r.string("message_id"), channel: try r.string("channel"),
                          from: try r.string("sender"), to: try r.string("receiver"), body: try r.string("body"),
                          createdAt: try r.date("created_at"), ackedAt: try r.optionalDate("acked_at"))
    }
}
