import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Appends a record, group-committed: concurrent calls share one transaction, and each
    /// returns once its record is committed (crash-safe in WAL mode; see the README's table).
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func appendAudit(_ a: AuditRecord) async throws(StorageError) {
        try await auditCommit.submit(a) { (batch) async throws(StorageError) in try await self.appendAudit(batch: batch) }
    }

    /// Appends records in one statement (a row per record), so all or none.
    /// - Throws: `StorageError.conflict` when an id is already stored (or repeated);
    ///   `StorageError.unavailable` for more than 3,000 records at once.
    public func appendAudit(batch: [AuditRecord]) async throws(StorageError) {
        guard !batch.isEmpty else { return }
        // A statement is a round trip to the connection's thread: one per batch, not one per record.
        // SQLite takes up to 32,766 parameters a statement, 9 a row; group commits hold at most 500.
        guard batch.count <= 3000 else { throw .unavailable("append \(batch.count) audit records: at most 3,000 at once") }
        let (sql, binds) = Self.auditInsert(batch, keepingStored: false)
        let what = batch.count == 1 ? "append audit record \(batch[0].id) (id already stored)"
            : "append \(batch.count) audit records (an id already stored)"
        _ = try await query(sql, binds, what)
    }

    /// One `INSERT` of these audit records, a row each, and its values. `keepingStored` skips a
    /// record whose id is stored already instead of failing the statement.
    static func auditInsert(_ batch: [AuditRecord], keepingStored: Bool) -> (sql: String, binds: [SQLiteData]) {
        let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: batch.count).joined(separator: ", ")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(batch.count * 9)
        for a in batch {
            binds += [Bind.text(a.id), Bind.text(a.action), Bind.text(a.recipientId), Bind.text(a.messageId), Bind.text(a.decision),
                      Bind.text(a.rulesVersion), Bind.text(a.findingsJSON), Bind.text(a.caller), Bind.date(a.at)]
        }
        let sql = "INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at) VALUES \(rows)"
        return (keepingStored ? sql + " ON CONFLICT (id) DO NOTHING" : sql, binds)
    }

    /// Records matching a filter, newest first, at most `filter.limit` (none when it is 0 or
    /// less), journalled ones included: the journal is moved first.
    public func audit(_ filter: AuditFilter) async throws(StorageError) -> [AuditRecord] {
        guard filter.limit > 0 else { return [] }
        try await moveJournal()
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let recipientId = filter.recipientId {
            conditions.append("recipient_id = ?"); binds.append(Bind.text(recipientId))
        }
        if let from = filter.from {
            conditions.append("at >= ?"); binds.append(Bind.date(from))
        }
        if let to = filter.to {
            conditions.append("at < ?"); binds.append(Bind.date(to))
        }
        if let decision = filter.decision {
            conditions.append(Self.auditDecision(decision)); binds.append(Bind.text(decision))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(Bind.int(filter.limit))
        return try await query("SELECT * FROM audit \(whereClause) ORDER BY at DESC, rowid DESC LIMIT ?", binds,
                               "read audit trail").map(Self.auditRecord)
    }

    /// The condition for records of `decision` (one bound value). The decision index holds only
    /// records that do not allow, and SQLite uses a partial index only when the query repeats
    /// its condition word for word.
    static func auditDecision(_ decision: String) -> String {
        decision == "allow" ? "decision = ?" : "decision = ? AND decision != 'allow'"
    }

    static func auditRecord(_ row: some StoreRow) throws(StorageError) -> AuditRecord {
        let r = RowReader(row: row, table: "audit")
        return AuditRecord(
            id: try r.string("id"), action: try r.string("action"), recipientId: try r.optionalString("recipient_id"),
            messageId: try r.optionalString("message_id"), decision: try r.string("decision"),
            rulesVersion: try r.string("rules_version"), findingsJSON: try r.string("findings_json"),
            caller: try r.string("caller"), at: try r.date("at"))
    }
}
