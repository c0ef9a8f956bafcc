import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Appends a record. - Throws: `StorageError.conflict` for a duplicate id.
    public func appendAudit(_ a: AuditRecord) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at)
            VALUES (\(a.id), \(a.action), \(a.recipientId), \(a.messageId), \(a.decision), \(a.rulesVersion),
                    \(a.findingsJSON), \(a.caller), \(Millisecond.date(a.at)))
            """,
            "append audit record \(a.id) (id already stored)")
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
