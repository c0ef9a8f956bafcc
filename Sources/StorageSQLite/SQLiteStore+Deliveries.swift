import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Records a delivery (or joins it to callbacks that came first), in one transaction synced
    /// to disk: the provider's id is what later callbacks are matched by.
    public func recordDelivery(_ d: DeliveryRecord) async throws(StorageError) -> DeliveryRecord {
        try await transaction("record delivery \(d.id)", durable: true) { (tx) async throws(StorageError) -> DeliveryRecord in
            let first = DeliveryEvent(status: d.status, errorCode: d.errorCode, errorMessage: d.errorMessage, at: d.createdAt)
            guard let sid = d.providerSid,
                  let existing = try await Self.delivery(tx, "provider_sid = ?", [Bind.text(sid)]) else {
                _ = try await tx.query(
                    """
                    INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code,
                        error_message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [Bind.text(d.id), Bind.text(d.messageId), Bind.text(d.channel), Bind.text(d.transport), Bind.text(d.body),
                     Bind.text(d.providerSid), Bind.text(d.status.rawValue), Self.bind(d.errorCode),
                     Bind.text(d.errorMessage), Bind.date(d.createdAt), Bind.date(d.createdAt)])
                try await Self.appendEvent(tx, delivery: d.id, first)
                return try await Self.delivery(tx, "id = ?", [Bind.text(d.id)])!
            }
            _ = try await tx.query(
                "UPDATE deliveries SET message_id = ?, channel = ?, transport = ?, body = ? WHERE id = ?",
                [Bind.text(d.messageId), Bind.text(d.channel), Bind.text(d.transport), Bind.text(d.body),
                 Bind.text(existing.id)])
            if existing.status.advances(to: d.status) { try await Self.advance(tx, existing.id, first) }
            return try await Self.delivery(tx, "id = ?", [Bind.text(existing.id)])!
        }
    }

    /// Applies a status callback in one transaction (the write lock orders concurrent ones).
    public func applyDeliveryStatus(providerSid: String, _ event: DeliveryEvent) async throws(StorageError) -> DeliveryUpdate {
        try await transaction("apply status of delivery \(providerSid)") { (tx) async throws(StorageError) -> DeliveryUpdate in
            if let existing = try await Self.delivery(tx, "provider_sid = ?", [Bind.text(providerSid)]) {
                guard existing.status.advances(to: event.status) else { return DeliveryUpdate(applied: false, delivery: existing) }
                try await Self.advance(tx, existing.id, event)
                return DeliveryUpdate(applied: true, delivery: try await Self.delivery(tx, "id = ?", [Bind.text(existing.id)])!)
            }
            let id = Identifier.make("dlv")
            _ = try await tx.query(
                """
                INSERT INTO deliveries (id, provider_sid, status, error_code, error_message, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [Bind.text(id), Bind.text(providerSid), Bind.text(event.status.rawValue), Self.bind(event.errorCode),
                 Bind.text(event.errorMessage), Bind.date(event.at), Bind.date(event.at)])
            try await Self.appendEvent(tx, delivery: id, event)
            return DeliveryUpdate(applied: true, delivery: try await Self.delivery(tx, "id = ?", [Bind.text(id)])!)
        }
    }

    /// The deliveries of these messages, each with its history, oldest first.
    public func deliveries(messageIds: [String]) async throws(StorageError) -> [DeliveryRecord] {
        guard !messageIds.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: messageIds.count).joined(separator: ", ")
        let binds = messageIds.map { Bind.text($0) }
        let rows = try await query("SELECT * FROM deliveries WHERE message_id IN (\(marks)) ORDER BY created_at, id",
                                   binds, "read deliveries")
        let events = try await query(
            """
            SELECT e.* FROM delivery_events e JOIN deliveries d ON d.id = e.delivery_id
            WHERE d.message_id IN (\(marks)) ORDER BY e.delivery_id, e.seq
            """, binds, "read delivery history")
        return try Self.deliveries(rows, events: events)
    }

    /// A page of outbound messages matching `filter`, by creation time.
    public func messages(_ filter: MessageFilter, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        var conditions: [String] = [], binds: [SQLiteData] = []
        if let recipient = filter.recipientId { conditions.append("recipient_id = ?"); binds.append(Bind.text(recipient)) }
        if let status = filter.status {
            conditions.append("(status = ? OR EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = messages.id AND d.status = ?))")
            binds += [Bind.text(status), Bind.text(status)]
        }
        Self.pageConditions(page, column: "created_at", into: &conditions, &binds)
        binds.append(Bind.int(page.limit + 1))
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await query("SELECT * FROM messages \(whereClause) ORDER BY created_at, id LIMIT ?", binds, "list messages")
        var items: [OutboundMessage] = []
        for row in rows { items.append(try Self.message(row)) }
        return PageResult(fetched: items, limit: page.limit) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Moves a delivery to `event`'s status and appends it to the history.
    private static func advance(_ tx: Transaction, _ id: String, _ event: DeliveryEvent) async throws(StorageError) {
        _ = try await tx.query(
            "UPDATE deliveries SET status = ?, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?",
            [Bind.text(event.status.rawValue), bind(event.errorCode), Bind.text(event.errorMessage), Bind.date(event.at),
             Bind.text(id)])
        try await appendEvent(tx, delivery: id, event)
    }

    static func appendEvent(_ tx: Transaction, delivery id: String, _ e: DeliveryEvent) async throws(StorageError) {
        _ = try await tx.query(
            """
            INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at)
            VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM delivery_events WHERE delivery_id = ?), ?, ?, ?, ?)
            """,
            [Bind.text(id), Bind.text(id), Bind.text(e.status.rawValue), bind(e.errorCode), Bind.text(e.errorMessage),
             Bind.date(e.at)])
    }

    private static func delivery(_ tx: Transaction, _ condition: String,
                                 _ binds: [SQLiteData]) async throws(StorageError) -> DeliveryRecord? {
        let rows = try await tx.query("SELECT * FROM deliveries WHERE \(condition)", binds)
        guard let row = rows.first else { return nil }
        let id = try RowReader(row: row, table: "deliveries").string("id")
        let events = try await tx.query("SELECT * FROM delivery_events WHERE delivery_id = ? ORDER BY seq", [Bind.text(id)])
        return try deliveries(rows, events: events).first
    }

    private static func deliveries(_ rows: [SQLiteRow], events: [SQLiteRow]) throws(StorageError) -> [DeliveryRecord] {
        var history: [String: [DeliveryEvent]] = [:]
        for row in events {
            let r = RowReader(row: row, table: "delivery_events")
            history[try r.string("delivery_id"), default: []].append(DeliveryEvent(
                status: try r.enumValue("status", DeliveryStatus.self), errorCode: try r.optionalInt("error_code"),
                errorMessage: try r.optionalString("error_message"), at: try r.date("at")))
        }
        var result: [DeliveryRecord] = []
        for row in rows {
            let r = RowReader(row: row, table: "deliveries")
            let id = try r.string("id")
            result.append(DeliveryRecord(
                id: id, messageId: try r.optionalString("message_id"), channel: try r.optionalString("channel"),
                transport: try r.optionalString("transport"), body: try r.optionalString("body"), providerSid: try r.optionalString("provider_sid"),
                status: try r.enumValue("status", DeliveryStatus.self), errorCode: try r.optionalInt("error_code"),
                errorMessage: try r.optionalString("error_message"), createdAt: try r.date("created_at"),
                history: history[id] ?? []))
        }
        return result
    }

    static func bind(_ i: Int?) -> SQLiteData { i.map { Bind.int($0) } ?? .null }
}
