import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds a broadcast and its sends in one transaction, synced to disk.
    public func insertBroadcast(_ b: Broadcast, recipientIds: [String]) async throws(StorageError) {
        var seen = Set<String>()
        let ids = recipientIds.filter { seen.insert($0).inserted }
        try await transaction("add broadcast \(b.id) (id already stored)", durable: true) { (tx) async throws(StorageError) -> Void in
            _ = try await tx.query(
                """
                INSERT INTO broadcasts (id, caller, kind, notify, templates, queue, scheduled_at, created_at, cancelled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [Bind.text(b.id), Bind.text(b.caller), Bind.text(b.kind), Bind.array(b.notify),
                 Bind.text(TemplateText.encode(b.templates)), Bind.text(b.queue), Bind.date(b.scheduledAt),
                 Bind.date(b.createdAt), Bind.date(b.cancelledAt)])
            for id in ids {
                try await Self.insert(ScheduledSend(id: "\(b.id)_\(id)", source: .broadcast, parentId: b.id, recipientId: id,
                                                    dueAt: b.scheduledAt, createdAt: b.createdAt), tx)
            }
        }
    }

    /// One broadcast.
    public func broadcast(id: String) async throws(StorageError) -> Broadcast? {
        try await query("SELECT * FROM broadcasts WHERE id = ?", [Bind.text(id)], "read broadcast").first.map(Self.broadcast)
    }

    /// Sends per state.
    public func broadcastCounts(id: String) async throws(StorageError) -> [SendState: Int] {
        let rows = try await query("SELECT state, COUNT(*) AS n FROM scheduled_sends WHERE parent_id = ? GROUP BY state",
                                   [Bind.text(id)], "count broadcast sends")
        var out: [SendState: Int] = [:]
        for row in rows {
            let r = RowReader(row: row, table: "scheduled_sends")
            out[try r.enumValue("state", SendState.self)] = try r.int("n")
        }
        return out
    }

    /// A page of a broadcast's sends.
    public func broadcastSends(id: String, state: SendState?, page: Page) async throws(StorageError) -> PageResult<ScheduledSend> {
        var conditions = ["parent_id = ?"]
        var binds: [SQLiteData] = [Bind.text(id)]
        if let state { conditions.append("state = ?"); binds.append(Bind.text(state.rawValue)) }
        Self.pageConditions(page, column: "created_at", into: &conditions, &binds)
        binds.append(Bind.int(page.limit + 1))
        let rows = try await query(
            "SELECT * FROM scheduled_sends WHERE \(conditions.joined(separator: " AND ")) ORDER BY created_at, id LIMIT ?",
            binds, "list broadcast sends")
        return PageResult(fetched: try rows.map(Self.scheduledSend), limit: page.limit) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Cancels a broadcast and skips its pending sends, synced to disk.
    public func cancelBroadcast(id: String, at: Date) async throws(StorageError) -> Bool {
        try await transaction("cancel broadcast \(id)", durable: true) { (tx) async throws(StorageError) -> Bool in
            let changed = try await tx.query("UPDATE broadcasts SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL RETURNING id",
                                             [Bind.date(at), Bind.text(id)])
            guard !changed.isEmpty else { return false }
            _ = try await tx.query(
                """
                UPDATE scheduled_sends SET state = 'skipped', reason = 'broadcast_cancelled', claimed_by = NULL,
                    lease_until = NULL, updated_at = ?
                WHERE parent_id = ? AND state = 'pending'
                """,
                [Bind.date(at), Bind.text(id)])
            return true
        }
    }

    static func broadcast(_ row: some StoreRow) throws(StorageError) -> Broadcast {
        let r = RowReader(row: row, table: "broadcasts")
        let text = try r.string("templates")
        guard let templates = TemplateText.decode(text) else {
            throw .corrupt("broadcasts.templates (id \(try r.string("id"))): not a JSON object of strings")
        }
        return Broadcast(id: try r.string("id"), caller: try r.string("caller"), kind: try r.string("kind"),
                         notify: try r.stringArray("notify"), templates: templates, queue: try r.optionalString("queue"),
                         scheduledAt: try r.date("scheduled_at"), createdAt: try r.date("created_at"),
                         cancelledAt: try r.optionalDate("cancelled_at"))
    }
}
