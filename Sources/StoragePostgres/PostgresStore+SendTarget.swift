import PostgresNIO
import Storage

extension PostgresStore {
    /// The recipient, and its cell phone's latest consent change from `practiceNumber` and its
    /// block, in one statement: one round trip where a send made three. Concurrent sends' reads
    /// go together (`SendTargetRead`): one statement and one round trip for the lot, as their
    /// writes are group-committed.
    public func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget? {
        let pending = PendingTarget(recipientId: recipientId, practiceNumber: practiceNumber)
        try await sendTargets.submit(pending) { (batch) async throws(StorageError) in
            let rows = try await self.execute(SendTargetRead(batch), "read recipient, consent and block")
            var found: [Int: SendTarget] = [:]
            for row in rows {
                let n = try RowReader(row, table: "recipients").int("n")
                let recipient = try Self.recipient(row)
                found[n] = SendTarget(recipient: recipient, consent: recipient.cellPhone == nil ? nil : try Self.sendConsent(row))
            }
            for (n, p) in batch.enumerated() { p.found.set(found[n + 1]) }
        }
        return try pending.found.get("read recipient \(recipientId)")
    }
}

/// A send's read waiting for the statement that reads it with others', and what it found.
struct PendingTarget: Sendable {
    let recipientId: String
    let practiceNumber: String
    let found = BatchOutcome<SendTarget?>()
}

/// The first reads of many sends at once: for each, a recipient, and for its cell phone what
/// `SendPathReads.ConsentAndBlock` reads. `$1` is a document of the reads, each with its
/// recipient id, practice number and place `n` (from 1); each row's `n` is its read's, and a
/// read whose recipient is not there has no row. A document, not arrays, as for the sends'
/// writes: its rows are estimated alike at every size, so the server keeps one generic plan
/// instead of planning each batch anew (measured: planning took five times the execution).
struct SendTargetRead: PostgresPreparedStatement {
    static let name = "textgate_send_targets"
    static let sql = """
        SELECT q.n, r.id, r.kind, r.first_name, r.last_name, r.date_of_birth, r.cell_phone, r.email, r.language, r.time_zone,
               r.created_at, r.updated_at, \(SendPathReads.latestConsentColumns),
               EXISTS (SELECT 1 FROM blocked_numbers WHERE number = r.cell_phone) AS blocked
        FROM jsonb_to_recordset($1::jsonb) AS q(id text, number text, n bigint)
        JOIN recipients r ON r.id = q.id
        LEFT JOIN LATERAL (\(SendPathReads.latestConsent("r.cell_phone", from: "q.number"))) AS c ON true
        """
    typealias Row = PostgresRow
    let document: String

    init(_ batch: [PendingTarget]) {
        var w = DocumentWriter()
        w.elements(Array(batch.enumerated())) { w, e in
            w.field("id", e.element.recipientId); w.field("number", e.element.practiceNumber); w.field("n", Int64(e.offset + 1))
        }
        document = String(decoding: w.bytes, as: UTF8.self)
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(document)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
