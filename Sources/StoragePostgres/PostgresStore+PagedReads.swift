import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Recipients (of one kind), by creation time.
    public func recipients(kind: RecipientKind?, page: Page) async throws(StorageError) -> PageResult<Recipient> {
        var filter = PageFilter(page, column: "created_at")
        if let kind { filter.equal("kind", kind.rawValue) }
        return try await paged("recipients", filter, "list recipients", Self.recipient) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Outbound messages to a recipient, by creation time.
    public func messages(recipientId: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        var filter = PageFilter(page, column: "created_at")
        filter.equal("recipient_id", recipientId)
        return try await paged("messages", filter, "list messages to recipient", Self.message) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Outbound messages assigned to a queue, by creation time.
    public func messages(queue: String, page: Page) async throws(StorageError) -> PageResult<OutboundMessage> {
        var filter = PageFilter(page, column: "created_at")
        filter.equal("queue", queue)
        return try await paged("messages", filter, "list messages in queue", Self.message) { PageCursor(at: $0.createdAt, id: $0.id) }
    }

    /// Inbound messages from a recipient, by arrival time.
    public func inbound(recipientId: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        var filter = PageFilter(page, column: "received_at")
        filter.equal("recipient_id", recipientId)
        return try await paged("inbound", filter, "list inbound from recipient", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Inbound messages in a queue (never blocked ones), by arrival time.
    public func inbound(queue: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        var filter = PageFilter(page, column: "received_at")
        filter.equal("queue", queue)
        filter.conditions.append("NOT blocked")
        return try await paged("inbound", filter, "list inbound in queue", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Inbound messages from a phone number (never blocked ones), by arrival time.
    public func inbound(phone: String, page: Page) async throws(StorageError) -> PageResult<InboundMessage> {
        var filter = PageFilter(page, column: "received_at")
        filter.equal("from_phone", phone)
        filter.conditions.append("NOT blocked")
        return try await paged("inbound", filter, "list inbound from phone", Self.inbound) { PageCursor(at: $0.receivedAt, id: $0.id) }
    }

    /// Consent changes (for one phone, and one practice number, when given), by time.
    public func consentEvents(phone: String?, practiceNumber: String?,
                              page: Page) async throws(StorageError) -> PageResult<ConsentEvent> {
        var filter = PageFilter(page, column: "at")
        if let phone { filter.equal("phone", phone) }
        if let practiceNumber { filter.equal("practice_number", practiceNumber) }
        return try await paged("consent_events", filter, "read consent events", Self.consentEvent) { PageCursor(at: $0.at, id: $0.id) }
    }

    /// Audit records matching the filter's recipient and decision, newest first.
    public func audit(_ auditFilter: AuditFilter, page: Page) async throws(StorageError) -> PageResult<AuditRecord> {
        var filter = PageFilter(page, column: "at", descending: true)
        if let recipientId = auditFilter.recipientId { filter.equal("recipient_id", recipientId) }
        if let decision = auditFilter.decision { filter.conditions.append(Self.auditDecision(decision, filter.bind(decision))) }
        return try await paged("audit", filter, "read audit trail", Self.auditRecord) { PageCursor(at: $0.at, id: $0.id) }
    }

    /// One page of `table` through `filter`.
    private func paged<T: Sendable>(
        _ table: String, _ filter: PageFilter, _ what: String, _ read: (PostgresRow) throws(StorageError) -> T,
        cursor: (T) -> PageCursor
    ) async throws(StorageError) -> PageResult<T> {
        var items: [T] = []
        for row in try await query(filter.query(table: table), what) { items.append(try read(row)) }
        return PageResult(fetched: items, limit: filter.limit, cursor: cursor)
    }
}
