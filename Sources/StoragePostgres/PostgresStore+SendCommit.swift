import PostgresNIO
import Storage

/// A send waiting for the group commit that writes it, and whether its key's answer was saved.
struct PendingSend: Sendable {
    let send: AcceptedSend
    let saved = BatchOutcome<Bool>()

    /// The send's idempotency key as one string, if it has one.
    var key: String? { send.idempotency.map { PendingSend.key($0.caller, $0.key) } }

    static func key(_ caller: String, _ key: String) -> String { caller + "\u{0}" + key }
}

extension PostgresStore {
    /// Writes a whole send (message, outbox items, deliveries, audit record, and the answer for
    /// its reserved idempotency key) atomically. Group-committed: the sends of concurrent callers
    /// go as one document to one prepared statement (`SendStatements.Completing`), one
    /// transaction and one commit for the batch. When a batch fails, each of its sends is written
    /// alone, so a duplicate id fails only its own send.
    public func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        let pending = PendingSend(send: send)
        try await completingSends.submit(pending) { (batch) async throws(StorageError) in
            try await self.write(batch, SendStatements.Completing.init)
        }
        return try pending.saved.get("write send \(send.message.id)")
    }

    /// ``commitSend(_:)`` only if the send's idempotency key was never used, group-committed in
    /// one statement (`SendStatements.Claiming`): its first clause inserts the keys with their
    /// results (`ON CONFLICT DO NOTHING`, which waits for another instance's insert of the same
    /// key to commit or roll back), and every insert writes only the rows of sends whose key that
    /// clause inserted. So two instances claiming one key at once write one send. Of two sends
    /// with one key in a batch, only the first can claim it: once the statement has run, the key
    /// is taken whichever send took it, so the others write nothing.
    public func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        guard send.idempotency != nil else {
            throw .unavailable("write send \(send.message.id): a send that claims an idempotency key needs one")
        }
        let pending = PendingSend(send: send)
        try await claimingSends.submit(pending) { (batch) async throws(StorageError) in
            var seen = Set<String>()
            var first: [PendingSend] = [], again: [PendingSend] = []
            for p in batch { if let key = p.key, seen.insert(key).inserted { first.append(p) } else { again.append(p) } }
            try await self.write(first, SendStatements.Claiming.init)
            for p in again { p.saved.set(false) }
        }
        return try pending.saved.get("write send \(send.message.id)")
    }

    /// Writes `batch` in one `statement` made from its document, and marks each send saved if
    /// the statement returned its key.
    private func write<S: PostgresPreparedStatement>(_ batch: [PendingSend], _ statement: (String) -> S)
        async throws(StorageError) where S.Row == (String, String) {
        let what = batch.count == 1 ? "write send \(batch[0].send.message.id) (an id already stored)"
            : "write \(batch.count) sends (an id already stored)"
        let saved = Set(try await execute(statement(SendDocument(batch.map(\.send)).json()), what).map { PendingSend.key($0.0, $0.1) })
        for p in batch { p.saved.set(p.key.map(saved.contains) ?? false) }
    }

    /// Runs a prepared statement on a pooled connection (prepared there on its first use) and
    /// returns all its rows.
    func execute<S: PostgresPreparedStatement>(_ statement: S, _ what: String) async throws(StorageError) -> [S.Row] {
        try checkOpen(what)
        do {
            var rows: [S.Row] = []
            for try await row in try await client.execute(statement, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw mapError(error, what)
        }
    }
}
