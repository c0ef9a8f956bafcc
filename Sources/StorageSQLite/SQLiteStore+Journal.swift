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
    /// - Throws: `StorageError.unavailable` when the journal cannot be written or the store is closed.
    public func appendNewAudit(_ a: AuditRecord) async throws(StorageError) {
        // Closed, nothing would move the record: refused like every other write.
        guard !connection.isClosed else { throw .unavailable("SQLite database at \(path) is closed (append audit record \(a.id))") }
        try journal.append(a)
    }

    /// Moves every record journalled so far into the audit table.
    func moveJournal() async throws(StorageError) {
        try await journalGate.withGate { () async throws(StorageError) in
            try journal.seal()
            for file in journal.sealedFiles {
                try await move(file)
                journal.moved(file)
            }
        }
    }

    /// Moves into the audit table the journals of processes that stopped before moving them.
    func moveLeftoverJournals() async throws(StorageError) {
        for file in try AuditJournal.leftovers(of: path) {
            try await move(file)
            AuditJournal.remove(file)
        }
    }

    /// Inserts a journal file's records in one transaction. A record already stored (a file
    /// moved once before a crash stopped its deletion) is kept as it is.
    private func move(_ file: AuditJournal.File) async throws(StorageError) {
        let bytes = try AuditJournal.contents(of: file)
        let (records, cutAt) = AuditJournal.records(in: bytes)
        if let cutAt {
            // Only a crash during its write leaves a frame cut short, and that call never returned.
            logger.warning("audit journal ends in a record cut short by a crash; its bytes are skipped",
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
