import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Appends a record, group-committed: concurrent calls share one statement (one
    /// transaction), and each returns once its record is committed (in the server, not yet on
    /// its disk: see `AuditAppend`).
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func appendAudit(_ a: AuditRecord) async throws(StorageError) {
        try await auditCommit.submit(a) { (batch) async throws(StorageError) in try await self.appendAudit(batch: batch) }
    }

    /// Appends records in one statement: all or none.
    ///
    /// The records go as one JSON document to one prepared statement, whatever their number:
    /// PostgreSQL parses and plans it once per connection, not once per batch as it would a
    /// multi-row `VALUES` list of nine parameters a record.
    /// - Throws: `StorageError.conflict` when an id is already stored (or repeated).
    public func appendAudit(batch: [AuditRecord]) async throws(StorageError) {
        guard !batch.isEmpty else { return }
        _ = try await execute(AuditAppend(batch: batch), "append \(batch.count) audit records")
    }

    /// Records matching a filter, newest first, at most `filter.limit` (none when it is 0 or
    /// less). This store's journal is moved first; another instance's journalled records are in
    /// the database at its next move (50 ms after its last one ended).
    public func audit(_ filter: AuditFilter) async throws(StorageError) -> [AuditRecord] {
        guard filter.limit > 0 else { return [] }
        try await moveJournal()
        var conditions: [String] = []
        var binds = PostgresBindings()
        func add(_ condition: String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            conditions.append(condition.replacingOccurrences(of: "?", with: "$\(binds.count)"))
        }
        if let recipientId = filter.recipientId { add("recipient_id = ?", recipientId) }
        if let from = filter.from { add("at >= ?", Millisecond.date(from)) }
        if let to = filter.to { add("at < ?", Millisecond.date(to)) }
        if let decision = filter.decision { add(Self.auditDecision(decision, "?"), decision) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(filter.limit)
        let sql = "SELECT * FROM audit \(whereClause) ORDER BY at DESC, seq DESC LIMIT $\(binds.count)"
        return try await query(PostgresQuery(unsafeSQL: sql, binds: binds), "read audit trail").map(Self.auditRecord)
    }

    /// The condition for records of `decision`, bound at `placeholder`. The decision index holds
    /// only records that do not allow (migration 10): for any other decision the condition says
    /// so too, so the planner sees that the index applies whatever value is bound.
    static func auditDecision(_ decision: String, _ placeholder: String) -> String {
        decision == "allow" ? "decision = \(placeholder)" : "decision = \(placeholder) AND decision != 'allow'"
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

/// Appends the audit records of a document `{"audit": [{…}, …]}` (written by
/// `DocumentWriter.audit`), in order, so `seq` follows it.
///
/// The statement is its own transaction, and turns `synchronous_commit` off for it alone
/// (`set_config(…, true)`): the commit returns once the records are in the server, without
/// waiting for its disk. That is the promise these records have on both stores, surviving a
/// crash of the process (SQLite's `synchronous=NORMAL`); every other write keeps the server's
/// default. Set in the statement, not on the connection, it holds behind a connection pooler too.
struct AuditAppend: PostgresPreparedStatement {
    static let name = "textgate_audit_append"
    static let sql = """
        WITH commit_mode AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
        \(AuditAppend.insert(from: "commit_mode, "))
        """
    /// Inserts the records of the document bound as `$1`, read in its order, with `sources`
    /// (ending in ", ") listed before it in the `FROM` clause.
    static func insert(from sources: String = "") -> String {
        """
        INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at)
        SELECT x.id, x.action, x.recipient_id, x.message_id, x.decision, x.rules_version, x.findings_json, x.caller,
            timestamptz 'epoch' + x.at_ms * interval '1 millisecond'
        FROM \(sources)jsonb_to_recordset($1::jsonb -> 'audit') AS x(id text, action text, recipient_id text, message_id text, decision text,
            rules_version text, findings_json text, caller text, at_ms bigint)
        """
    }
    typealias Row = PostgresRow
    let document: String

    /// The statement appending `batch`, its records written as the document.
    init(batch: [AuditRecord]) {
        var w = DocumentWriter()
        w.open()
        w.array("audit", batch) { w, a in w.audit(a) }
        w.close()
        document = String(decoding: w.bytes, as: UTF8.self)
    }
    func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
