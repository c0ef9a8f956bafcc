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
    let saved = BatchOutcome<Bool>()
}

extension SQLiteStore {
    /// Writes a whole send, group-committed with the sends of other callers waiting at the same
    /// time: one `BEGIN IMMEDIATE … COMMIT` on the send connection, synced with
    /// `synchronous=FULL`, whose statements are prepared once and run a row at a time, so a batch
    /// costs one hand-off to that connection's thread however many sends it holds. Each call
    /// returns once the commit holding its send is on disk. When a batch fails, each of its
    /// sends is written alone, so a duplicate id fails only its own send.
    public func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        try await submitSend(PendingSend(send: send, claims: false))
    }

    /// Writes a whole send, as ``commitSend(_:)`` does, only if its idempotency key was never
    /// used; false, and nothing written, when it was. Group-committed with other sends, whose
    /// keys are claimed by `INSERT … ON CONFLICT DO NOTHING` at the start of the batch's transaction.
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

    /// Writes `batch` in one transaction synced to disk, all or nothing. The gate keeps it from
    /// running beside a write on the main connection.
    func writeSends(_ batch: [PendingSend]) async throws(StorageError) {
        let what = batch.count == 1 ? "write send \(batch[0].send.message.id) (an id already stored)"
            : "write \(batch.count) sends (an id already stored)"
        guard !connection.isClosed else { throw .unavailable("SQLite database at \(path) is closed (\(what))") }
        let saved = try await gate.withGate { () async throws(StorageError) -> [Bool] in
            try await sender.run(what) { (session) throws(StorageError) -> [Bool] in
                // A transaction left open by an earlier batch whose rollback failed ends here.
                if session.inTransaction { try session.query("ROLLBACK") }
                try session.query("BEGIN IMMEDIATE")
                do throws(StorageError) {
                    let claimed = try Self.claimKeys(batch, session)
                    let written = batch.indices.filter { !batch[$0].claims || claimed.contains($0) }
                    let completed = try Self.writeSends(written.map { batch[$0].send }, reservedKeys: written.map { !batch[$0].claims },
                                                        session)
                    try session.query("COMMIT")
                    return batch.enumerated().map { i, pending in
                        pending.claims ? claimed.contains(i) : pending.send.idempotency.map { completed.contains(Self.keyOf($0)) } ?? false
                    }
                } catch {
                    // The batch's own failure is what its callers hear. A rollback that fails too
                    // (SQLite may have rolled back already) leaves nothing committed; a transaction
                    // still open is rolled back before the next batch begins.
                    _ = try? session.query("ROLLBACK")
                    throw error
                }
            }
        }
        for (pending, saved) in zip(batch, saved) { pending.saved.set(.success(saved)) }
    }

    /// Claims the keys of the batch's claiming sends: the indices of those whose key was free.
    /// Of two sends with one key in a batch, only the first can claim it.
    private static func claimKeys(_ batch: [PendingSend], _ session: CachedConnection.Session) throws(StorageError) -> Set<Int> {
        var claimed = Set<Int>()
        var tried = Set<String>()
        for (i, pending) in batch.enumerated() where pending.claims {
            guard let r = pending.send.idempotency, tried.insert(keyOf(r)).inserted else { continue }
            let taken = try session.query(insertResponseSQL + " ON CONFLICT (caller, key) DO NOTHING RETURNING key", responseBinds(r))
            if !taken.isEmpty { claimed.insert(i) }
        }
        return claimed
    }

    /// The statements of a batch; returns the idempotency keys (caller and key) whose reservation
    /// it completed, for the sends marked in `reservedKeys` (the others claimed theirs already).
    private static func writeSends(_ sends: [AcceptedSend], reservedKeys: [Bool],
                                   _ session: CachedConnection.Session) throws(StorageError) -> Set<String> {
        for send in sends {
            try session.query(insertMessageSQL, binds(send.message))
            for item in send.outbox { try session.query(insertOutboxSQL, binds(item)) }
            for d in send.deliveries {
                try session.query("""
                    INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code,
                        error_message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [Bind.text(d.id), Bind.text(d.messageId), Bind.text(d.channel), Bind.text(d.transport), Bind.text(d.body),
                          Bind.text(d.providerSid), Bind.text(d.status.rawValue), bind(d.errorCode), Bind.text(d.errorMessage),
                          Bind.date(d.createdAt), Bind.date(d.createdAt)])
                // Each delivery is new: its first status is the first event of its history.
                try session.query("""
                    INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at) VALUES (?, 1, ?, ?, ?, ?)
                    """, [Bind.text(d.id), Bind.text(d.status.rawValue), bind(d.errorCode), Bind.text(d.errorMessage),
                          Bind.date(d.createdAt)])
            }
            if let audit = send.audit {
                let (auditSQL, auditBinds) = auditInsert([audit], keepingStored: false)
                try session.query(auditSQL, auditBinds)
            }
        }
        var completed = Set<String>()
        for (send, reserved) in zip(sends, reservedKeys) where reserved {
            guard let r = send.idempotency else { continue }
            if !(try session.query(completeIdempotencySQL, completionBinds(r))).isEmpty { completed.insert(keyOf(r)) }
        }
        return completed
    }

    /// A response's caller and key as one string.
    private static func keyOf(_ r: IdempotentResponse) -> String { r.caller + "\u{0}" + r.key }
}
