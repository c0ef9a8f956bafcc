import Foundation
import SQLiteNIO
import Storage

/// A send waiting for the group commit that writes it, and where its outcome goes.
struct PendingSend: Sendable {
    let send: AcceptedSend
    /// Whether its idempotency result was saved.
    let saved = DurableOutcome<Bool>()
}

extension SQLiteStore {
    /// Writes a whole send, group-committed with the sends of other callers waiting at the same
    /// time: one `BEGIN IMMEDIATE … COMMIT` synced with `synchronous=FULL`, and in it one
    /// multi-row `INSERT` per table for the whole batch, so a batch costs a handful of statements
    /// however many sends it holds. Each call returns once the commit holding its send is on
    /// disk. When a batch fails, each of its sends is written alone, so a duplicate id fails
    /// only its own send.
    public func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        let pending = PendingSend(send: send)
        try await sendCommit.submit(pending) { (batch) async throws(StorageError) in try await self.writeSends(batch) }
        return try pending.saved.get("write send \(send.message.id)")
    }

    /// Writes `batch` in one transaction synced to disk, all or nothing.
    func writeSends(_ batch: [PendingSend]) async throws(StorageError) {
        let what = batch.count == 1 ? "write send \(batch[0].send.message.id) (an id already stored)"
            : "write \(batch.count) sends (an id already stored)"
        let sends = batch.map(\.send)
        try await gate.withGate { () async throws(StorageError) in
            try await durably(what) { () async throws(StorageError) in
                try await unguardedTransaction(what) { (tx) async throws(StorageError) in
                    let completed = try await Self.writeSends(sends, tx)
                    for (pending, send) in zip(batch, sends) {
                        let saved = send.idempotency.map { completed.contains(Self.keyOf($0)) } ?? false
                        pending.saved.set(.success(saved))
                    }
                }
            }
        }
    }

    /// The statements of a batch; returns the idempotency keys (caller and key) it completed.
    private static func writeSends(_ sends: [AcceptedSend], _ tx: Transaction) async throws(StorageError) -> Set<String> {
        let messages = sends.map(\.message)
        try await insertRows(tx, insertMessageSQL, rowWidth: 13, messages.flatMap(binds))
        let outbox = sends.flatMap(\.outbox)
        try await insertRows(tx, insertOutboxSQL, rowWidth: 12, outbox.flatMap(binds))
        let deliveries = sends.flatMap(\.deliveries)
        try await insertRows(tx, """
            INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code,
                error_message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, rowWidth: 11, deliveries.flatMap { d -> [SQLiteData] in
                [Bind.text(d.id), Bind.text(d.messageId), Bind.text(d.channel), Bind.text(d.transport), Bind.text(d.body),
                 Bind.text(d.providerSid), Bind.text(d.status.rawValue), bind(d.errorCode), Bind.text(d.errorMessage),
                 Bind.date(d.createdAt), Bind.date(d.createdAt)]
            })
        // Each delivery is new: its first status is the first event of its history.
        try await insertRows(tx, """
            INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at) VALUES (?, 1, ?, ?, ?, ?)
            """, rowWidth: 5, deliveries.flatMap { d -> [SQLiteData] in
                [Bind.text(d.id), Bind.text(d.status.rawValue), bind(d.errorCode), Bind.text(d.errorMessage), Bind.date(d.createdAt)]
            })
        let (auditSQL, auditBinds) = auditInsert(sends.map(\.audit))
        _ = try await tx.query(auditSQL, auditBinds)
        let results = sends.compactMap(\.idempotency)
        guard !results.isEmpty else { return [] }
        let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: results.count).joined(separator: ", ")
        let done = try await tx.query(
            """
            WITH v (status, body, created_at, caller, key, request_hash) AS (VALUES \(rows))
            UPDATE idempotent_responses SET status = v.status, body = v.body, created_at = v.created_at,
                state = 'completed', lease_until = NULL
            FROM v WHERE idempotent_responses.caller = v.caller AND idempotent_responses.key = v.key
                AND idempotent_responses.state = 'pending' AND idempotent_responses.request_hash = v.request_hash
            RETURNING idempotent_responses.caller, idempotent_responses.key
            """,
            results.flatMap(completionBinds))
        var completed = Set<String>()
        for row in done {
            let r = RowReader(row: row, table: "idempotent_responses")
            let caller = try r.string("caller"), key = try r.string("key")
            completed.insert(caller + "\u{0}" + key)
        }
        return completed
    }

    private static func keyOf(_ r: IdempotentResponse) -> String { r.caller + "\u{0}" + r.key }

    /// Runs `sql`, an `INSERT … VALUES (…)` of one row of `rowWidth` values, for every row in
    /// `binds` at once (its `VALUES` row repeated); nothing without rows.
    private static func insertRows(_ tx: Transaction, _ sql: String, rowWidth: Int, _ binds: [SQLiteData]) async throws(StorageError) {
        guard !binds.isEmpty, let values = sql.range(of: "VALUES ", options: .backwards) else { return }
        let row = String(sql[values.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let rows = Array(repeating: row, count: binds.count / rowWidth).joined(separator: ", ")
        _ = try await tx.query(String(sql[..<values.upperBound]) + rows, binds)
    }
}
