import Storage

extension SQLiteStore {
    /// Records a statement inserts when a journal file is moved.
    static let journalRowsPerStatement = 500

    /// Appends a record this process has just made (see `AuditStore.appendNewAudit`): written to
    /// the audit journal (`JournalledAudit`), which survives a crash of the process as the WAL
    /// does, and moved into the database within its interval (50 ms), or at once by a read of
    /// the audit trail.
    /// - Throws: `StorageError.unavailable` when the journal cannot be written or the store is
    ///   closed (its journal is closed with it).
    public func appendNewAudit(_ a: AuditRecord) async throws(StorageError) {
        try journal.append(a)
    }

    /// Moves every record journalled so far into the audit table.
    func moveJournal() async throws(StorageError) {
        try await journal.move(journalInsert)
    }

    /// Moves into the audit table the journals of processes that stopped before moving them.
    func moveLeftoverJournals() async throws(StorageError) {
        try await journal.moveLeftovers(journalInsert)
    }

    /// Inserts a journal file's records in one transaction. A record already stored (a file
    /// moved once before a crash stopped its deletion) is kept as it is. Holds the store weakly,
    /// for the moving task.
    var journalInsert: JournalledAudit.Insert {
        { [weak self] (records) async throws(StorageError) in
            guard let self else { throw .unavailable("the SQLite store was released before its audit journal was moved") }
            try await self.transaction("move \(records.count) audit records from the audit journal into the database") {
                (tx) async throws(StorageError) in
                for start in stride(from: 0, to: records.count, by: Self.journalRowsPerStatement) {
                    let chunk = records[start..<min(start + Self.journalRowsPerStatement, records.count)]
                    let (sql, binds) = Self.auditInsert(Array(chunk), keepingStored: true)
                    _ = try await tx.query(sql, binds)
                }
            }
        }
    }

    /// Stops the moving task and moves what is left; records that cannot be moved stay in the
    /// journal for the next process that opens the database.
    func stopMovingJournal() async throws(StorageError) {
        try await journal.stop(then: connection.isClosed ? nil : journalInsert)
    }
}
