import Logging
import Synchronization

/// The audit records a store takes through `AuditStore.appendNewAudit`: appended to a journal
/// file of this process (`AuditJournal`), which survives a crash of the process, and moved
/// into the store's audit table in batches: by a task of its own, `interval` after its last
/// move ended (so a record waits that long and up to two moves), at once before a read of the
/// audit trail, and at close. Journals a stopped process left with the same prefix are moved
/// when a store starts (`moveLeftovers`).
package final class JournalledAudit: Sendable {
    /// Inserts records into the audit table, keeping any already stored (a file moved once
    /// before a crash stopped its deletion is moved again).
    package typealias Insert = @Sendable ([AuditRecord]) async throws(StorageError) -> Void

    /// The journal appended to.
    let journal: AuditJournal
    /// Serialises moving the journal (a read of the audit trail and the moving task).
    let gate = SerialGate()
    /// The task that moves the journal (`start`), until `stop`.
    let mover = Mutex<Task<Void, Never>?>(nil)
    /// How often the moving task moves the journal.
    package let interval: Duration
    let logger: Logger

    /// A journal whose files' paths start with `prefix`; no file is made before the first record.
    package init(prefix: String, interval: Duration = .milliseconds(50), logger: Logger) {
        self.journal = AuditJournal(prefix: prefix)
        self.interval = interval
        self.logger = logger
    }

    /// Appends a record; it survives a crash of the process once this returns.
    /// - Throws: `StorageError.unavailable` when the journal cannot be written or is closed.
    package func append(_ record: AuditRecord) throws(StorageError) {
        try journal.append(record)
    }

    /// Moves every record journalled so far into the audit table.
    ///
    /// Files sealed before and not yet moved (a move failed) go first, and the current file is
    /// sealed only once they are gone: while moves fail, records keep going to one file instead
    /// of a new file, and a descriptor, every `interval`.
    package func move(_ insert: Insert) async throws(StorageError) {
        try await gate.withGate { () async throws(StorageError) in
            try await moveSealed(insert)
            try journal.seal()
            try await moveSealed(insert)
        }
    }

    /// Moves the sealed files, oldest first, each deleted once its records are stored.
    private func moveSealed(_ insert: Insert) async throws(StorageError) {
        for file in journal.sealedFiles {
            try await move(file, insert)
            journal.moved(file)
        }
    }

    /// Moves into the audit table the journals of processes that stopped before moving them.
    /// When one cannot be moved, it and those after it are closed, unmoved, for the next try.
    package func moveLeftovers(_ insert: Insert) async throws(StorageError) {
        let files = try AuditJournal.leftovers(of: journal.prefix)
        for (i, file) in files.enumerated() {
            do {
                try await move(file, insert)
            } catch {
                for rest in files[i...] { AuditJournal.release(rest) }
                throw error
            }
            AuditJournal.remove(file)
        }
    }

    /// Inserts a journal file's records, read off the concurrency pool (`OffPool`).
    private func move(_ file: AuditJournal.File, _ insert: Insert) async throws(StorageError) {
        let (records, cutAt, size) = try await OffPool.run { () throws(StorageError) in
            let bytes = try AuditJournal.contents(of: file)
            let (records, cutAt) = AuditJournal.records(in: bytes)
            return (records, cutAt, bytes.count)
        }
        if let cutAt {
            // A crash during a write leaves its frame cut short at the end, and that call never
            // returned; any other damage is named here with what is lost past it.
            logger.warning("audit journal holds bytes past its last whole record; they are skipped",
                           metadata: ["path": .string(file.path), "offset": .stringConvertible(cutAt),
                                      "bytes": .stringConvertible(size - cutAt)])
        }
        guard !records.isEmpty else { return }
        try await insert(records)
    }

    /// Starts the task that moves the journal, `interval` after each move ends, until `stop`.
    /// `insert` should hold its store weakly, so that the task does not keep the store alive.
    package func start(_ insert: @escaping Insert) {
        let interval = self.interval
        let task = Task { [weak self] in
            var failing = false
            while true {
                do { try await Task.sleep(for: interval) } catch { return }  // cancelled: stopping
                guard let self else { return }
                do throws(StorageError) {
                    try await self.move(insert)
                    failing = false
                } catch {
                    // Nothing is lost: the records stay in the journal and are tried again.
                    if !failing {
                        self.logger.error("cannot move audit journal into the database; retrying",
                                          metadata: ["journal": .string(self.journal.prefix + AuditJournal.marker), "error": .string("\(error)")])
                    }
                    failing = true
                }
            }
        }
        mover.withLock { $0 = task }
    }

    /// Stops the moving task and, given `insert`, moves what is left; records that cannot be
    /// moved stay in the journal for the next process on the same prefix.
    package func stop(then insert: Insert?) async throws(StorageError) {
        let task = mover.withLock { t in
            defer { t = nil }
            return t
        }
        guard let task else { return }
        task.cancel()
        await task.value
        guard let insert else { return }
        try await move(insert)
    }

    /// Closes the journal once no move is under way (see `AuditJournal.close()`).
    package func close() async {
        await gate.acquire()
        journal.close()
        gate.release()
    }
}
