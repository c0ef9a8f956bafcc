import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds an outbox item.
    /// - Throws: `StorageError.conflict` for a duplicate id or a message id that is not stored.
    public func insertOutbox(_ item: OutboxItem) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO outbox (id, message_id, channel, sender, receiver, body, created_at, acked_at, claimed_by,
                lease_until, sealed_body, paced)
            VALUES (\(item.id), \(item.messageId), \(item.channel), \(item.from), \(item.to), \(item.body),
                    \(Millisecond.date(item.createdAt)), \(Millisecond.date(item.ackedAt)), \(item.claimedBy),
                    \(Millisecond.date(item.leaseUntil)), \(item.sealedBody), \(item.paced))
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

    /// A page of outbox items ordered by (creation time, id).
    public func outbox(includeAcked: Bool, page: Page) async throws(StorageError) -> PageResult<OutboxItem> {
        var filter = PageFilter(page, column: "created_at")
        if !includeAcked { filter.conditions.append("acked_at IS NULL") }
        let rows = try await query(filter.query(table: "outbox"), "list outbox")
        return PageResult(fetched: try rows.map(Self.outboxItem), limit: page.limit) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Claims up to `limit` items with `FOR UPDATE SKIP LOCKED`: the oldest unacknowledged items
    /// whose lease (if any) has run out at `now`, skipping rows another instance is claiming.
    public func claimOutbox(collector: String, limit: Int, lease: TimeInterval,
                            now: Date) async throws(StorageError) -> [OutboxItem] {
        guard limit > 0 else { return [] }
        let rows = try await query(
            """
            WITH picked AS (
                SELECT id FROM outbox
                WHERE acked_at IS NULL AND (lease_until IS NULL OR lease_until <= \(Millisecond.date(now)))
                ORDER BY created_at, id COLLATE "C" LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox o SET claimed_by = \(collector), lease_until = \(Millisecond.date(now.addingTimeInterval(lease)))
            FROM picked WHERE o.id = picked.id
            RETURNING o.*
            """,
            "claim outbox items for \(collector)")
        return try rows.map(Self.outboxItem).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Acknowledges an item and erases its sealed body in the same statement; false when unknown
    /// or already acknowledged (the first time is kept).
    public func ackOutbox(id: String, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE outbox SET acked_at = \(Millisecond.date(at)), sealed_body = NULL
            WHERE id = \(id) AND acked_at IS NULL RETURNING id
            """,
            "acknowledge outbox item \(id)")).isEmpty
    }

    /// Acknowledges an item for `collector` unless another collector's claim still holds it.
    public func acknowledgeOutbox(id: String, collector: String, at: Date) async throws(StorageError) -> OutboxAck {
        let when = Millisecond.date(at)
        let done = try await query(
            """
            UPDATE outbox SET acked_at = \(when), sealed_body = NULL WHERE id = \(id) AND acked_at IS NULL
                AND (claimed_by IS NULL OR claimed_by = \(collector) OR lease_until IS NULL OR lease_until <= \(when)) RETURNING id
            """,
            "acknowledge outbox item \(id)")
        guard done.isEmpty else { return .acknowledged }
        let rows = try await query("SELECT * FROM outbox WHERE id = \(id)", "read outbox item \(id)")
        return OutboxAck(notAcknowledged: try rows.first.map(Self.outboxItem))
    }

    /// Extends a claim the collector still holds on an unacknowledged item.
    public func renewOutboxClaim(id: String, collector: String, lease: TimeInterval, now: Date) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE outbox SET lease_until = \(Millisecond.date(now.addingTimeInterval(lease)))
            WHERE id = \(id) AND claimed_by = \(collector) AND acked_at IS NULL RETURNING id
            """,
            "renew the claim on outbox item \(id)")).isEmpty
    }

    static func outboxItem(_ row: PostgresRow) throws(StorageError) -> OutboxItem {
        let r = RowReader(row, table: "outbox")
        return OutboxItem(id: try r.string("id"), messageId: try r.string("message_id"), channel: try r.string("channel"),
                          from: try r.string("sender"), to: try r.string("receiver"), body: try r.string("body"),
                          createdAt: try r.date("created_at"), ackedAt: try r.optionalDate("acked_at"),
                          claimedBy: try r.optionalString("claimed_by"), leaseUntil: try r.optionalDate("lease_until"),
                          sealedBody: try r.optionalString("sealed_body"), paced: try r.bool("paced"))
    }
}
