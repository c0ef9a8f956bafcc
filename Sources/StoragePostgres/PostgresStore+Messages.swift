import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds an outbound message. - Throws: `StorageError.conflict` for a duplicate id.
    public func insertMessage(_ m: OutboundMessage) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO messages (id, recipient_id, kind, notify, body, queue, from_number, status, decision,
                rules_version, findings_json, caller, created_at)
            VALUES (\(m.id), \(m.recipientId), \(m.kind), \(m.notify), \(m.body), \(m.queue), \(m.fromNumber),
                    \(m.status), \(m.decision), \(m.rulesVersion), \(m.findingsJSON), \(m.caller),
                    \(Millisecond.date(m.createdAt)))
            """,
            "add message \(m.id) (id already stored)")
    }

    /// One outbound message.
    public func message(id: String) async throws(StorageError) -> OutboundMessage? {
        try await query("SELECT * FROM messages WHERE id = \(id)", "read message").first.map(Self.message)
    }

    /// Outbound messages to a recipient, oldest first.
    public func messages(recipientId: String) async throws(StorageError) -> [OutboundMessage] {
        try await query("SELECT * FROM messages WHERE recipient_id = \(recipientId) ORDER BY created_at, seq",
                        "list messages to recipient").map(Self.message)
    }

    /// Outbound messages assigned to a queue, oldest first.
    public func messages(queue: String) async throws(StorageError) -> [OutboundMessage] {
        try await query("SELECT * FROM messages WHERE queue = \(queue) ORDER BY created_at, seq",
                        "list messages in queue").map(Self.message)
    }

    /// The newest message with status `sent` from `fromNumber` to a recipient whose cell phone
    /// is now `phone` (to route a reply). Blocked, refused and failed messages never reached
    /// the phone, so a reply cannot answer them.
    /// The query starts from the recipients with that phone and reads each one's newest message
    /// (`messages_by_recipient`): a plan from the number's messages would read every text the
    /// practice ever sent, on every inbound text.
    public func lastMessage(toPhone phone: String, fromNumber: String) async throws(StorageError) -> OutboundMessage? {
        try await query(
            """
            SELECT m.* FROM recipients r CROSS JOIN LATERAL (
                SELECT * FROM messages WHERE recipient_id = r.id AND from_number = \(fromNumber) AND status = 'sent'
                ORDER BY created_at DESC, seq DESC LIMIT 1
            ) m
            WHERE r.cell_phone = \(phone)
            ORDER BY m.created_at DESC, m.seq DESC LIMIT 1
            """,
            "find last message to phone").first.map(Self.message)
    }

    /// Sets a message's status (nothing happens for an unknown id).
    public func setMessageStatus(id: String, status: String) async throws(StorageError) {
        _ = try await query("UPDATE messages SET status = \(status) WHERE id = \(id)", "set status of message \(id)")
    }

    static func message(_ row: PostgresRow) throws(StorageError) -> OutboundMessage {
        let r = RowReader(row, table: "messages")
        return OutboundMessage(
            id: try r.string("id"), recipientId: try r.string("recipient_id"), kind: try r.string("kind"),
            notify: try r.stringArray("notify"), body: try r.string("body"), queue: try r.optionalString("queue"),
            fromNumber: try r.string("from_number"), status: try r.string("status"), decision: try r.string("decision"),
            rulesVersion: try r.string("rules_version"), findingsJSON: try r.string("findings_json"),
            caller: try r.string("caller"), createdAt: try r.date("created_at"))
    }
}
