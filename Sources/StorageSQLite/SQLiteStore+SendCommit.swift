import Foundation
import SQLiteNIO
import Storage

/// A send waiting for the group commit that writes it, and where its outcome goes.
struct PendingSend: Sendable {
    let send: AcceptedSend
    /// Whether it claims its idempotency key (``SQLiteStore/claimSend(_:)``) rather than
    /// completing a reservation.
    let claims: Bool
    /// Whether its idempotency result was saved (for a claim: whether it was written at all).
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
        try await submitSend(PendingSend(send: send, claims: false))
    }

    /// Writes a whole send, as ``commitSend(_:)`` does, only if its idempotency key was never
    /// used; false, and nothing written, when it was. Group-committed with other sends, whose
    /// keys are claimed by one multi-row `INSERT … ON CONFLICT DO NOTHING` at the start of the
    /// batch's transaction.
    public func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        guard send.idempotency != nil else {
            throw .unavailable("write send \(send.message.id): a send that claims an idempotency key needs one")
        }
        return try await submitSend(PendingSend(send: send, claims: true))
    }

    private func submitSend(_ pending: PendingSend) async throws(StorageError) -> Bool {
        try await sendCommit.submit(pending) { (batch) async throws(StorageError) in try await self.writeSends(batch) }
        return try pending.saved.get("write send \(pending.send.message.id)")
    }

    /// Writes `batch` in one transaction synced to disk, all or nothing.
    func writeSends(_ batch: [PendingSend]) async throws(StorageError) {
        let what = batch.count == 1 ? "write send \(batch[0].send.message.id) (an id already stored)"
            : "write \(batch.count) sends (an id already stored)"
        try await gate.withGate { () async throws(StorageError) in
            try await durably(what) { () async throws(StorageError) in
                try await unguardedTransaction(what) { (tx) async throws(StorageError) in
                    let claimed = try await Self.claimKeys(batch, tx)
                    let written = batch.indices.filter { !batch[$0].claims || claimed.contains($0) }
                    let sends = written.map { batch[$0].send }
                    let completed = try await Self.writeSends(sends, reservedKeys: written.map { !batch[$0].claims }, tx)
                    for (i, pending) in batch.enumerated() {
                        let saved = pending.claims ? claimed.contains(i)
                            : pending.send.idempotency.map { completed.contains(Self.keyOf($0)) } ?? false
                        pending.saved.set(.success(saved))
                    }
                }
            }
        }
    }

    /// Claims the keys of the batch's claiming sends: the indices of those whose key was free.
    /// Of two sends with one key in a batch, only the first can claim it.
    private static func claimKeys(_ batch: [PendingSend], _ tx: Transaction) async throws(StorageError) -> Set<Int> {
        var first: [String: Int] = [:]
        for (i, pending) in batch.enumerated() where pending.claims {
            guard let r = pending.send.idempotency else { continue }
            if first[keyOf(r)] == nil { first[keyOf(r)] = i }
        }
        let binds = first.values.sorted().flatMap { responseBinds(batch[$0].send.idempotency!) }
        let taken = try await insertRows(tx, insertResponseSQL, rowWidth: 6, binds,
                                         then: " ON CONFLICT (caller, key) DO NOTHING RETURNING caller, key")
        return Set(try keys(taken).compactMap { first[$0] })
    }

    /// The statements of a batch; returns the idempotency keys (caller and key) whose reservation
    /// it completed, for the sends marked in `reservedKeys` (the others claimed theirs already).
    private static func writeSends(_ sends: [AcceptedSend], reservedKeys: [Bool],
                                   _ tx: Transaction) async throws(StorageError) -> Set<String> {
        guard !sends.isEmpty else { return [] }
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
        let audits = sends.compactMap(\.audit)
        if !audits.isEmpty {
            let (auditSQL, auditBinds) = auditInsert(audits, keepingStored: false)
            _ = try await tx.query(auditSQL, auditBinds)
        }
        let results = zip(sends, reservedKeys).compactMap { $1 ? $0.idempotency : nil }
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
        return try keys(done)
    }

    /// The idempotency keys (see ``keyOf(_:)``) of rows that return `caller` and `key`.
    private static func keys(_ rows: [SQLiteRow]) throws(StorageError) -> Set<String> {
        var keys = Set<String>()
        for row in rows {
            let r = RowReader(row: row, table: "idempotent_responses")
            keys.insert(try r.string("caller") + "\u{0}" + (try r.string("key")))
        }
        return keys
    }

    /// A response's caller and key as one string.
    private static func keyOf(_ r: IdempotentResponse) -> String { r.caller + "\u{0}" + r.key }

    /// Runs `sql`, an `INSERT … VALUES (…)` of one row of `rowWidth` values, for every row in
    /// `binds` at once (its `VALUES` row repeated), followed by `suffix`; nothing without rows.
    /// - Returns: the rows the statement returns.
    @discardableResult
    private static func insertRows(_ tx: Transaction, _ sql: String, rowWidth: Int, _ binds: [SQLiteData],
                                   then suffix: String = "") async throws(StorageError) -> [SQLiteRow] {
        guard !binds.isEmpty, let values = sql.range(of: "VALUES ", options: .backwards) else { return [] }
        let row = String(sql[values.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        let rows = Array(repeating: row, count: binds.count / rowWidth).joined(separator: ", ")
        return try await tx.query(String(sql[..<values.upperBound]) + rows + suffix, binds)
    }
}
