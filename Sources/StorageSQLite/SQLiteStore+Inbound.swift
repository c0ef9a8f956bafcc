import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds an inbound message. - Throws: `StorageError.conflict` for a duplicate id.
    public func insertInbound(_ m: InboundMessage) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO inbound (id, from_phone, to_number, body, recipient_id, queue, classification, review_reason,
                blocked, received_at, repaired)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Bind.text(m.id), Bind.text(m.from), Bind.text(m.to), Bind.text(m.body), Bind.text(m.recipientId),
             Bind.text(m.queue), Bind.text(m.classification), Bind.text(m.reviewReason), Bind.bool(m.blocked),
             Bind.date(m.receivedAt), Bind.bool(m.repaired)],
            "add inbound message \(m.id) (id already stored)")
    }

    /// Inbound messages from a recipient, oldest first.
    public func inbound(recipientId: String) async throws(StorageError) -> [InboundMessage] {
        try await query("SELECT * FROM inbound WHERE recipient_id = ? ORDER BY received_at, rowid",
                        [Bind.text(recipientId)], "list inbound from recipient").map(Self.inbound)
    }

    /// Inbound messages from a phone number (blocked ones included), oldest first.
    public func inbound(phone: String) async throws(StorageError) -> [InboundMessage] {
        try await query("SELECT * FROM inbound WHERE from_phone = ? ORDER BY received_at, rowid",
                        [Bind.text(phone)], "list inbound from phone").map(Self.inbound)
    }

    /// Inbound messages in a queue (never blocked ones), oldest first.
    public func inbound(queue: String) async throws(StorageError) -> [InboundMessage] {
        try await query("SELECT * FROM inbound WHERE queue = ? AND blocked = 0 ORDER BY received_at, rowid",
                        [Bind.text(queue)], "list inbound in queue").map(Self.inbound)
    }

    static func inbound(_ row: some StoreRow) throws(StorageError) -> InboundMessage {
        let r = RowReader(row: row, table: "inbound")
        return InboundMessage(
            id: try r.string("id"), from: try r.string("from_phone"), to: try r.string("to_number"),
            body: try r.string("body"), recipientId: try r.optionalString("recipient_id"),
            queue: try r.optionalString("queue"), classification: try r.string("classification"),
            reviewReason: try r.optionalString("review_reason"), blocked: try r.bool("blocked"),
            receivedAt: try r.date("received_at"), repaired: try r.bool("repaired"))
    }
}
