import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Records a delivery (or joins it to callbacks that came first) in one transaction; the
    /// delivery's row is locked, so a callback for it waits and then sees it.
    public func recordDelivery(_ d: DeliveryRecord) async throws(StorageError) -> DeliveryRecord {
        try await transaction("record delivery \(d.id)") { (tx) async throws(StorageError) -> DeliveryRecord in
            let first = DeliveryEvent(status: d.status, errorCode: d.errorCode, errorMessage: d.errorMessage, at: d.createdAt)
            let at = Millisecond.date(d.createdAt)
            let inserted = try await tx.query(
                """
                INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code,
                    error_message, created_at, updated_at)
                VALUES (\(d.id), \(d.messageId), \(d.channel), \(d.transport), \(d.body), \(d.providerSid), \(d.status.rawValue),
                        \(d.errorCode), \(d.errorMessage), \(at), \(at))
                ON CONFLICT (provider_sid) DO NOTHING RETURNING id
                """)
            if !inserted.isEmpty {
                try await Self.appendEvent(tx, delivery: d.id, first)
                return try await Self.delivery(tx, id: d.id)
            }
            guard let sid = d.providerSid, let existing = try await Self.locked(tx, providerSid: sid) else {
                throw .unavailable("record delivery \(d.id) in PostgreSQL: provider id \(d.providerSid ?? "") neither new nor stored")
            }
            _ = try await tx.query(
                """
                UPDATE deliveries SET message_id = \(d.messageId), channel = \(d.channel), transport = \(d.transport),
                    body = \(d.body) WHERE id = \(existing.id)
                """)
            if existing.status.advances(to: d.status) { try await Self.advance(tx, existing.id, first) }
            return try await Self.delivery(tx, id: existing.id)
        }
    }

    /// Applies a status callback in one transaction, holding the delivery's row lock, so
    /// concurrent callbacks (on any instance) apply one after the other.
    public func applyDeliveryStatus(providerSid: String, _ event: DeliveryEvent) async throws(StorageError) -> DeliveryUpdate {
        try await transaction("apply status of delivery \(providerSid)") { (tx) async throws(StorageError) -> DeliveryUpdate in
            let id = Identifier.make("dlv"), at = Millisecond.date(event.at)
            let inserted = try await tx.query(
                """
                INSERT INTO deliveries (id, provider_sid, status, error_code, error_message, created_at, updated_at)
                VALUES (\(id), \(providerSid), \(event.status.rawValue), \(event.errorCode), \(event.errorMessage), \(at), \(at))
                ON CONFLICT (provider_sid) DO NOTHING RETURNING id
                """)
            if !inserted.isEmpty {
                try await Self.appendEvent(tx, delivery: id, event)
                return DeliveryUpdate(applied: true, delivery: try await Self.delivery(tx, id: id))
            }
            guard let existing = try await Self.locked(tx, providerSid: providerSid) else {
                throw .unavailable("apply status of delivery \(providerSid) in PostgreSQL: neither new nor stored")
            }
            guard existing.status.advances(to: event.status) else {
                return DeliveryUpdate(applied: false, delivery: try await Self.delivery(tx, id: existing.id))
            }
            try await Self.advance(tx, existing.id, event)
            return DeliveryUpdate(applied: true, delivery: try await Self.delivery(tx, id: existing.id))
        }
    }

    /// The deliveries of these messages, each with its history, oldest first.
    public func deliveries(messageIds: [String]) async throws(StorageError) -> [DeliveryRecord] {
        guard !messageIds.isEmpty else { return [] }
        let rows = try await query(
            "SELECT * FROM deliveries WHERE message_id = ANY(\(messageIds)) ORDER BY created_at, id COLLATE \"C\"",
            "read deliveries")
        let events = try await query(
            """
            SELECT e.* FROM delivery_events e JOIN deliveries d ON d.id = e.delivery_id
            WHERE d.message_id = ANY(\(messageIds)) ORDER BY e.delivery_id, e.seq
            """, "read delivery history")
        return try Self.deliveries(rows, events: events)
    }

    /// A page of outbound messages matching `filter`, by creation time.
    public func messages(_ messageFilter: MessageFilter, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        var filter = PageFilter(page, column: "created_at")
        if let recipient = messageFilter.recipientId { filter.equal("recipient_id", recipient) }
        if let status = messageFilter.status {
            let s = filter.bind(status)
            filter.conditions.append("(status = \(s) OR EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = messages.id AND d.status = \(s)))")
        }
        var items: [OutboundMessage] = []
        for row in try await query(filter.query(table: "messages"), "list messages") { items.append(try Self.message(row)) }
        return PageResult(fetched: items, limit: filter.limit) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// The delivery with this provider id, its row locked until the transaction ends.
    private static func locked(_ tx: Transaction, providerSid: String) async throws(StorageError) -> DeliveryRecord? {
        let rows = try await tx.query("SELECT * FROM deliveries WHERE provider_sid = \(providerSid) FOR UPDATE")
        return try deliveries(rows, events: []).first
    }

    /// Moves a delivery to `event`'s status and appends it to the history.
    private static func advance(_ tx: Transaction, _ id: String, _ e: DeliveryEvent) async throws(StorageError) {
        _ = try await tx.query(
            """
            UPDATE deliveries SET status = \(e.status.rawValue), error_code = \(e.errorCode), error_message = \(e.errorMessage),
                updated_at = \(Millisecond.date(e.at)) WHERE id = \(id)
            """)
        try await appendEvent(tx, delivery: id, e)
    }

    private static func appendEvent(_ tx: Transaction, delivery id: String, _ e: DeliveryEvent) async throws(StorageError) {
        _ = try await tx.query(
            """
            INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at)
            VALUES (\(id), (SELECT COALESCE(MAX(seq), 0) + 1 FROM delivery_events WHERE delivery_id = \(id)),
                    \(e.status.rawValue), \(e.errorCode), \(e.errorMessage), \(Millisecond.date(e.at)))
            """)
    }

    private static func delivery(_ tx: Transaction, id: String) async throws(StorageError) -> DeliveryRecord {
        let rows = try await tx.query("SELECT * FROM deliveries WHERE id = \(id)")
        let events = try await tx.query("SELECT * FROM delivery_events WHERE delivery_id = \(id) ORDER BY seq")
        guard let record = try deliveries(rows, events: events).first else {
            throw .unavailable("read delivery \(id) in PostgreSQL: it is gone")
        }
        return record
    }

    private static func deliveries(_ rows: [PostgresRow], events: [PostgresRow]) throws(StorageError) -> [DeliveryRecord] {
        var history: [String: [DeliveryEvent]] = [:]
        for row in events {
            let r = RowReader(row, table: "delivery_events")
            history[try r.string("delivery_id"), default: []].append(DeliveryEvent(
                status: try r.enumValue("status", DeliveryStatus.self), errorCode: try r.optionalInt("error_code"),
                errorMessage: try r.optionalString("error_message"), at: try r.date("at")))
        }
        var result: [DeliveryRecord] = []
        for row in rows {
            let r = RowReader(row, table: "deliveries")
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
}
