import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Appends a record, group-committed: concurrent calls share one multi-row INSERT (one
    /// transaction), and each returns once its record is committed.
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func appendAudit(_ a: AuditRecord) async throws(StorageError) {
        try await auditCommit.submit(a) { (batch) async throws(StorageError) in try await self.appendAudit(batch: batch) }
    }

    /// Appends records in one statement: all or none.
    /// - Throws: `StorageError.conflict` when an id is already stored (or repeated).
    public func appendAudit(batch: [AuditRecord]) async throws(StorageError) {
        guard !batch.isEmpty else { return }
        var binds = PostgresBindings(capacity: batch.count * 9)
        var rows: [String] = []
        for a in batch {
            let first = binds.count + 1
            binds.append(a.id); binds.append(a.action); binds.append(a.recipientId); binds.append(a.messageId)
            binds.append(a.decision); binds.append(a.rulesVersion); binds.append(a.findingsJSON); binds.append(a.caller)
            binds.append(Millisecond.date(a.at))
            rows.append("(" + (first..<(first + 9)).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        let sql = """
            INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at)
            VALUES \(rows.joined(separator: ", "))
            """
        _ = try await query(PostgresQuery(unsafeSQL: sql, binds: binds), "append \(batch.count) audit records")
    }

    /// Records matching a filter, newest first, at most `filter.limit` (none when it is 0 or less).
    public func audit(_ filter: AuditFilter) async throws(StorageError) -> [AuditRecord] {
        guard filter.limit > 0 else { return [] }
        var conditions: [String] = []
        var binds = PostgresBindings()
        func add(_ condition: String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            conditions.append(condition.replacingOccurrences(of: "?", with: "$\(binds.count)"))
        }
        if let recipientId = filter.recipientId { add("recipient_id = ?", recipientId) }
        if let from = filter.from { add("at >= ?", Millisecond.date(from)) }
        if let to = filter.to { add("at < ?", Millisecond.date(to)) }
        if let decision = filter.decision { add("decision = ?", decision) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(filter.limit)
        let sql = "SELECT * FROM audit \(whereClause) ORDER BY at DESC, seq DESC LIMIT $\(binds.count)"
        return try await query(PostgresQuery(unsafeSQL: sql, binds: binds), "read audit trail").map(Self.auditRecord)
    }

    static func auditRecord(_ row: PostgresRow) throws(StorageError) -> AuditRecord {
        let r = RowReader(row, table: "audit")
        return AuditRecord(
            id: try r.string("id"), action: try r.string("action"), recipientId: try r.optionalString("recipient_id"),
            messageId: try r.optionalString("message_id"), decision: try r.string("decision"),
            rulesVersion: try r.string("rules_version"), findingsJSON: try r.string("findings_json"),
            caller: try r.string("caller"), at: try r.date("at"))
    }
}
