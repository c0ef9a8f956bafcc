import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Recipients (of one kind), by creation time.
    public func recipients(kind: RecipientKind?, page: Page) async throws(StorageError) -> PageResult<Recipient> {
        try await paged("recipients", where: kind.map { ("kind = ?", [Bind.text($0.rawValue)]) }, time: "created_at",
                        page: page, "list recipients", Self.recipient) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Outbound messages to a recipient, by creation time.
    public func messages(recipientId: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        try await paged("messages", where: ("recipient_id = ?", [Bind.text(recipientId)]), time: "created_at",
                        page: page, "list messages to recipient", Self.message) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Outbound messages assigned to a queue, by creation time.
    public func messages(queue: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        try await paged("messages", where: ("queue = ?", [Bind.text(queue)]), time: "created_at",
                        page: page, "list messages in queue", Self.message) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Inbound messages from a recipient, by arrival time.
    public func inbound(recipientId: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await paged("inbound", where: ("recipient_id = ?", [Bind.text(recipientId)]), time: "received_at",
                        page: page, "list inbound from recipient", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Inbound messages in a queue (never blocked ones), by arrival time.
    public func inbound(queue: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await paged("inbound", where: ("queue = ? AND blocked = 0", [Bind.text(queue)]), time: "received_at",
                        page: page, "list inbound in queue", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Inbound messages from a phone number (never blocked ones), by arrival time.
    public func inbound(phone: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        try await paged("inbound", where: ("from_phone = ? AND blocked = 0", [Bind.text(phone)]), time: "received_at",
                        page: page, "list inbound from phone", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Consent changes (for one phone, and one practice number, when given), by time.
    public func consentEvents(phone: String?, practiceNumber: String?,
                              page: Page) async throws(StorageError) -> PageResult<ConsentEvent> {
        var conditions: [String] = [], binds: [SQLiteData] = []
        if let phone { conditions.append("phone = ?"); binds.append(Bind.text(phone)) }
        if let practiceNumber { conditions.append("practice_number = ?"); binds.append(Bind.text(practiceNumber)) }
        let filter = conditions.isEmpty ? nil : (conditions.joined(separator: " AND "), binds)
        return try await paged("consent_events", where: filter, time: "at", page: page, "read consent events",
                               Self.consentEvent) { PageCursor(at: $0.at, id: $0.id) }
    }

    /// Audit records matching the filter's recipient and decision, newest first (journalled
    /// ones included: the journal is moved first).
    public func audit(_ filter: AuditFilter, page: Page) async throws(StorageError) -> PageResult<AuditRecord> {
        try await moveJournal()
        var conditions: [String] = [], binds: [SQLiteData] = []
        if let recipientId = filter.recipientId { conditions.append("recipient_id = ?"); binds.append(Bind.text(recipientId)) }
        if let decision = filter.decision { conditions.append(Self.auditDecision(decision)); binds.append(Bind.text(decision)) }
        let where_ = conditions.isEmpty ? nil : (conditions.joined(separator: " AND "), binds)
        return try await paged("audit", where: where_, time: "at", descending: true, page: page, "read audit trail",
                               Self.auditRecord) { PageCursor(at: $0.at, id: $0.id) }
    }

    /// One page of `table`: rows matching `filter` and `page`, ordered by (`time`, id), read with
    /// one extra row to learn whether more follow.
    private func paged<T: Sendable>(
        _ table: String, where filter: (String, [SQLiteData])?, time: String, descending: Bool = false, page: Page,
        _ what: String, _ read: (SQLiteRow) throws(StorageError) -> T, cursor: (T) -> PageCursor
    ) async throws(StorageError) -> PageResult<T> {
        var conditions: [String] = [], binds: [SQLiteData] = []
        if let filter { conditions.append(filter.0); binds += filter.1 }
        Self.pageConditions(page, column: time, descending: descending, into: &conditions, &binds)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let direction = descending ? "DESC" : ""
        binds.append(Bind.int(page.limit + 1))
        let rows = try await query("SELECT * FROM \(table) \(whereClause) ORDER BY \(time) \(direction), id \(direction) LIMIT ?",
                                   binds, what)
        var items: [T] = []
        for row in rows { items.append(try read(row)) }
        return PageResult(fetched: items, limit: page.limit, cursor: cursor)
    }
}
