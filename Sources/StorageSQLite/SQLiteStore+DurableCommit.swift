import SQLiteNIO
import Storage

/// One write that must survive power loss before its caller is answered: run in the next
/// group-committed transaction, in a savepoint of its own.
struct DurableWrite: Sendable {
    /// What it does, for error messages.
    let what: String
    /// Whether it runs in a savepoint of its own, so that a constraint it breaks undoes only it;
    /// without, any failure in a batch fails the batch (whose writes are then run one by one).
    let isolated: Bool
    /// Runs the write's statements and keeps their outcome for its caller.
    let run: @Sendable (SQLiteStore.Transaction) async -> StorageError?
}

extension SQLiteStore {
    /// Runs `body` in a transaction committed with `synchronous=FULL`, shared with the durable
    /// writes of other callers waiting at the same time (group commit): one WAL sync serves them
    /// all, and each caller returns only once the commit holding its write is on disk. `body`
    /// runs in a savepoint, so its failure undoes only its own statements; a `body` that breaks
    /// no constraint (an upsert) can do without one (`isolated: false`): two statements fewer.
    func durableTransaction<T: Sendable>(
        _ what: String, isolated: Bool = true, _ body: @escaping @Sendable (Transaction) async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        let outcome = BatchOutcome<T>()
        let write = DurableWrite(what: what, isolated: isolated) { tx in
            do throws(StorageError) {
                outcome.set(.success(try await body(tx)))
                return nil
            } catch {
                outcome.set(.failure(error))
                return error
            }
        }
        try await durableCommit.submit(write) { (batch) async throws(StorageError) in try await self.commitDurably(batch) }
        return try outcome.get(what)
    }

    /// Writes `batch` in one `BEGIN IMMEDIATE … COMMIT` at `synchronous=FULL` while holding the gate.
    /// A write refused by a constraint is rolled back to its savepoint and the others go on; any
    /// other failure rolls the whole batch back and throws, and `GroupCommit` then runs each write alone.
    func commitDurably(_ batch: [DurableWrite]) async throws(StorageError) {
        let what = batch.count == 1 ? batch[0].what : "\(batch.count) durable writes"
        try await gate.withGate { () async throws(StorageError) in
            try await durably(what) { () async throws(StorageError) in
                _ = try await unguardedQuery("BEGIN IMMEDIATE", [], what)
                let tx = Transaction(store: self, what: what)
                do throws(StorageError) {
                    for write in batch {
                        let savepoint = batch.count > 1 && write.isolated
                        if savepoint { _ = try await tx.query("SAVEPOINT durable_write") }
                        // Its statements report errors in its own words.
                        let failure = await write.run(Transaction(store: self, what: write.what))
                        switch failure {
                        case nil:
                            if savepoint { _ = try await tx.query("RELEASE durable_write") }
                        case .conflict? where savepoint:
                            // A constraint failure ends only its statement: the transaction goes on.
                            _ = try await tx.query("ROLLBACK TO durable_write")
                            _ = try await tx.query("RELEASE durable_write")
                        case let error?:
                            // Alone, the write's own failure is its caller's answer: its statements are undone.
                            guard batch.count > 1 else {
                                _ = try? await unguardedQuery("ROLLBACK", [], what)
                                return
                            }
                            throw error
                        }
                    }
                    _ = try await unguardedQuery("COMMIT", [], what)
                } catch {
                    _ = try? await unguardedQuery("ROLLBACK", [], what)
                    throw error
                }
            }
        }
    }
}
