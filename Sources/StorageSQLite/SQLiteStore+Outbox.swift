import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds an outbox item, synced to disk before it returns (an accepted send).
    /// - Throws: `StorageError.conflict` for a duplicate id or a message id that is not stored.
    public func insertOutbox(_ item: OutboxItem) async throws(StorageError) {
        _ = try await durableQuery(Self.insertOutboxSQL, Self.binds(item),
                                   "add outbox item \(item.id) (duplicate id, or message \(item.messageId) not stored)")
    }

    /// Adds an outbox item: with ``binds(_:)-(OutboxItem)``.
    static let insertOutboxSQL = """
        INSERT INTO outbox (id, message_id, channel, sender, receiver, body, created_at, acked_at, claimed_by,
            lease_until, sealed_body, paced)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// An outbox item's values for ``insertOutboxSQL``.
    static func binds(_ item: OutboxItem) -> [SQLiteData] {
        [Bind.text(item.id), Bind.text(item.messageId), Bind.text(item.channel), Bind.text(item.from),
         Bind.text(item.to), Bind.text(item.body), Bind.date(item.createdAt), Bind.date(item.ackedAt),
         Bind.text(item.claimedBy), Bind.date(item.leaseUntil), Bind.text(item.sealedBody), Bind.bool(item.paced)]
    }

    /// Outbox items, oldest first; only unacknowledged ones unless `includeAcked`.
    public func outbox(includeAcked: Bool) async throws(StorageError) -> [OutboxItem] {
        let sql = includeAcked
            ? "SELECT * FROM outbox ORDER BY created_at, rowid"
            : "SELECT * FROM outbox WHERE acked_at IS NULL ORDER BY created_at, rowid"
        return try await query(sql, [], "list outbox").map(Self.outboxItem)
    }

    /// A page of outbox items ordered by (creation time, id).
    public func outbox(includeAcked: Bool, page: Page) async throws(StorageError) -> PageResult<OutboxItem> {
        var conditions = includeAcked ? [] : ["acked_at IS NULL"]
        var binds: [SQLiteData] = []
        Self.pageConditions(page, column: "created_at", into: &conditions, &binds)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(Bind.int(page.limit + 1))
        let rows = try await query("SELECT * FROM outbox \(whereClause) ORDER BY created_at, id LIMIT ?", binds, "list outbox")
        return PageResult(fetched: try rows.map(Self.outboxItem), limit: page.limit) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Claims up to `limit` items in one `BEGIN IMMEDIATE` transaction, synced to disk: the
    /// oldest unacknowledged items whose lease (if any) has run out at `now`.
    public func claimOutbox(collector: String, limit: Int, lease: TimeInterval,
                            now: Date) async throws(StorageError) -> [OutboxItem] {
        guard limit > 0 else { return [] }
        let rows = try await transaction("claim outbox items for \(collector)", durable: true) {
            (tx) async throws(StorageError) -> [SQLiteRow] in
            try await tx.query(
                """
                UPDATE outbox SET claimed_by = ?, lease_until = ?
                WHERE id IN (SELECT id FROM outbox WHERE acked_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)
                             ORDER BY created_at, id LIMIT ?)
                RETURNING *
                """,
                [Bind.text(collector), Bind.date(now.addingTimeInterval(lease)), Bind.date(now), Bind.int(limit)])
        }
        return try rows.map(Self.outboxItem).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    /// Acknowledges an item and erases its sealed body in the same statement, synced to disk;
    /// false when unknown or already acknowledged (the first time is kept).
    public func ackOutbox(id: String, at: Date) async throws(StorageError) -> Bool {
        !(try await durableQuery(
            "UPDATE outbox SET acked_at = ?, sealed_body = NULL WHERE id = ? AND acked_at IS NULL RETURNING id",
            [Bind.date(at), Bind.text(id)], "acknowledge outbox item \(id)")).isEmpty
    }

    /// Acknowledges an item for `collector` unless another collector's claim still holds it,
    /// synced to disk like `ackOutbox`.
    public func acknowledgeOutbox(id: String, collector: String, at: Date) async throws(StorageError) -> OutboxAck {
        let done = try await durableQuery(
            """
            UPDATE outbox SET acked_at = ?, sealed_body = NULL WHERE id = ? AND acked_at IS NULL
                AND (claimed_by IS NULL OR claimed_by = ? OR lease_until IS NULL OR lease_until <= ?) RETURNING id
            """,
            [Bind.date(at), Bind.text(id), Bind.text(collector), Bind.date(at)], "acknowledge outbox item \(id)")
        guard done.isEmpty else { return .acknowledged }
        let rows = try await query("SELECT * FROM outbox WHERE id = ?", [Bind.text(id)], "read outbox item \(id)")
        return OutboxAck(notAcknowledged: try rows.first.map(Self.outboxItem))
    }

    /// Extends a claim the collector still holds on an unacknowledged item.
    public func renewOutboxClaim(id: String, collector: String, lease: TimeInterval, now: Date) async throws(StorageError) -> Bool {
        !(try await query(
            "UPDATE outbox SET lease_until = ? WHERE id = ? AND claimed_by = ? AND acked_at IS NULL RETURNING id",
            [Bind.date(now.addingTimeInterval(lease)), Bind.text(id), Bind.text(collector)],
            "renew the claim on outbox item \(id)")).isEmpty
    }

    static func outboxItem(_ row: some StoreRow) throws(StorageError) -> OutboxItem {
        let r = RowReader(row: row, table: "outbox")
        return OutboxItem(id: try r.string("id"), messageId: try r.string("message_id"), channel: try r.string("channel"),
                          from: try r.string("sender"), to: try r.string("receiver"), body: try r.string("body"),
                          createdAt: try r.date("created_at"), ackedAt: try r.optionalDate("acked_at"),
                          claimedBy: try r.optionalString("claimed_by"), leaseUntil: try r.optionalDate("lease_until"),
                          sealedBody: try r.optionalString("sealed_body"), paced: try r.bool("paced"))
    }
}
