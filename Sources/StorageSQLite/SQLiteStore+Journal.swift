import Storage

extension SQLiteStore {
    /// How often journalled audit records are moved into the database.
    static let journalInterval: Duration = .milliseconds(50)
    /// Records a statement inserts when a journal file is moved.
    static let journalRowsPerStatement = 500

    /// Appends a record this process has just made (see `AuditStore.appendNewAudit`): written to
    /// the audit journal (`AuditJournal`), which survives a crash of the process as the WAL
    /// does, and moved into the database within `journalInterval`, or at once by a read of the
    /// audit trail.
    /// - Throws: `StorageError.unavailable` when the journal cannot be written or the store is
    ///   closed (its journal is closed with it).
    public func appendNewAudit(_ a: AuditRecord) async throws(StorageError) {
        try journal.append(a)
    }

    /// Moves every record journalled so far into the audit table.
    ///
    /// Files sealed before and not yet moved (a move failed) go first, and the current file is
    /// sealed only once they are gone: while moves fail, records keep going to one file instead
    /// of a new file, and a descriptor, every 50 ms.
    func moveJournal() async throws(StorageError) {
        try await journalGate.withGate { () async throws(StorageError) in
            try await moveSealed()
            try journal.seal()
            try await moveSealed()
        }
    }

    /// Moves the sealed files, oldest first, each deleted once its records are committed.
    private func moveSealed() async throws(StorageError) {
        for file in journal.sealedFiles {
            try await move(file)
            journal.moved(file)
        }
    }

    /// Closes the journal once no move is under way (see `AuditJournal.close()`).
    func closeJournal() async {
        await journalGate.acquire()
        journal.close()
        journalGate.release()
    }

    /// Moves into the audit table the journals of processes that stopped before moving them.
    /// When one cannot be moved, it and those after it are closed, unmoved, for the next try.
    func moveLeftoverJournals() async throws(StorageError) {
        let files = try AuditJournal.leftovers(of: path)
        for (i, file) in files.enumerated() {
            do {
                try await move(file)
            } catch {
                for rest in files[i...] { AuditJournal.release(rest) }
                throw error
            }
            AuditJournal.remove(file)
        }
    }

    /// Inserts a journal file's records in one transaction. A record already stored (a file
    /// moved once before a crash stopped its deletion) is kept as it is.
    private func move(_ file: AuditJournal.File) async throws(StorageError) {
        let bytes = try AuditJournal.contents(of: file)
        let (records, cutAt) = AuditJournal.records(in: bytes)
        if let cutAt {
            // A crash during a write leaves its frame cut short at the end, and that call never
            // returned; any other damage is named here with what is lost past it.
            logger.warning("audit journal holds bytes past its last whole record; they are skipped",
                           metadata: ["path": .string(file.path), "offset": .stringConvertible(cutAt),
                                      "bytes": .stringConvertible(bytes.count - cutAt)])
        }
        guard !records.isEmpty else { return }
        try await transaction("move \(records.count) audit records from \(file.path) into the database") {
            (tx) async throws(StorageError) in
            for start in stride(from: 0, to: records.count, by: Self.journalRowsPerStatement) {
                let chunk = records[start..<min(start + Self.journalRowsPerStatement, records.count)]
                let (sql, binds) = Self.auditInsert(Array(chunk), keepingStored: true)
                _ = try await tx.query(sql, binds)
            }
        }
    }

    /// Starts the task that moves the journal every `journalInterval` until the store closes.
    func startMovingJournal() {
        let task = Task { [weak self] in
            var failing = false
            while true {
                do { try await Task.sleep(for: Self.journalInterval) } catch { return }  // cancelled: closing
                guard let self else { return }
                do throws(StorageError) {
                    try await self.moveJournal()
                    failing = false
                } catch {
                    // Nothing is lost: the records stay in the journal and are tried again.
                    if !failing {
                        self.logger.error("cannot move audit journal into the database; retrying",
                                          metadata: ["path": .string(self.path), "error": .string("\(error)")])
                    }
                    failing = true
                }
            }
        }
        mover.withLock { $0 = task }
    }

    /// Stops the moving task and moves what is left; records that cannot be moved stay in the
    /// journal for the next process that opens the database.
    func stopMovingJournal() async throws(StorageError) {
        let task = mover.withLock { t in
            defer { t = nil }
            return t
        }
        guard let task else { return }
        task.cancel()
        await task.value
        guard !connection.isClosed else { return }
        try await moveJournal()
    }
}
