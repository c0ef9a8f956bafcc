import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds an outbound message, synced to disk before it returns (an accepted send).
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func insertMessage(_ m: OutboundMessage) async throws(StorageError) {
        _ = try await durableQuery(Self.insertMessageSQL, Self.binds(m), "add message \(m.id) (id already stored)")
    }

    /// Adds an outbound message: with ``binds(_:)-(OutboundMessage)``.
    static let insertMessageSQL = """
        INSERT INTO messages (id, recipient_id, kind, notify, body, queue, from_number, status, decision,
            rules_version, findings_json, caller, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// A message's values for ``insertMessageSQL``.
    static func binds(_ m: OutboundMessage) -> [SQLiteData] {
        [Bind.text(m.id), Bind.text(m.recipientId), Bind.text(m.kind), Bind.array(m.notify), Bind.text(m.body),
         Bind.text(m.queue), Bind.text(m.fromNumber), Bind.text(m.status), Bind.text(m.decision),
         Bind.text(m.rulesVersion), Bind.text(m.findingsJSON), Bind.text(m.caller), Bind.date(m.createdAt)]
    }

    /// One outbound message.
    public func message(id: String) async throws(StorageError) -> OutboundMessage? {
        try await query("SELECT * FROM messages WHERE id = ?", [Bind.text(id)], "read message").first.map(Self.message)
    }

    /// Outbound messages to a recipient, oldest first.
    public func messages(recipientId: String) async throws(StorageError) -> [OutboundMessage] {
        try await query("SELECT * FROM messages WHERE recipient_id = ? ORDER BY created_at, rowid",
                        [Bind.text(recipientId)], "list messages to recipient").map(Self.message)
    }

    /// Outbound messages assigned to a queue, oldest first.
    public func messages(queue: String) async throws(StorageError) -> [OutboundMessage] {
        try await query("SELECT * FROM messages WHERE queue = ? ORDER BY created_at, rowid",
                        [Bind.text(queue)], "list messages in queue").map(Self.message)
    }

    /// The newest message with status `sent` from `fromNumber` to a recipient whose cell phone
    /// is now `phone` (to route a reply). Blocked, refused and failed messages never reached
    /// the phone, so a reply cannot answer them.
    /// The join order and index are fixed (`CROSS JOIN`, `INDEXED BY`): left to itself, SQLite
    /// walks every message the number ever sent, newest first, on every inbound text.
    public func lastMessage(toPhone phone: String, fromNumber: String) async throws(StorageError) -> OutboundMessage? {
        try await read(
            """
            SELECT m.* FROM recipients r CROSS JOIN messages m INDEXED BY messages_by_recipient ON m.recipient_id = r.id
            WHERE r.cell_phone = ? AND m.from_number = ? AND m.status = 'sent'
            ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1
            """,
            [Bind.text(phone), Bind.text(fromNumber)], "find last message to phone").first.map(Self.message)
    }

    /// Sets a message's status (nothing happens for an unknown id).
    public func setMessageStatus(id: String, status: String) async throws(StorageError) {
        _ = try await query("UPDATE messages SET status = ? WHERE id = ?", [Bind.text(status), Bind.text(id)],
                            "set status of message \(id)")
    }

    static func message(_ row: some StoreRow) throws(StorageError) -> OutboundMessage {
        let r = RowReader(row: row, table: "messages")
        return OutboundMessage(
            id: try r.string("id"), recipientId: try r.string("recipient_id"), kind: try r.string("kind"),
            notify: try r.stringArray("notify"), body: try r.string("body"), queue: try r.optionalString("queue"),
            fromNumber: try r.string("from_number"), status: try r.string("status"), decision: try r.string("decision"),
            rulesVersion: try r.string("rules_version"), findingsJSON: try r.string("findings_json"),
            caller: try r.string("caller"), createdAt: try r.date("created_at"))
    }
}
