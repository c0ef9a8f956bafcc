import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Records an `AuditMove` statement inserts when a journal file's records cannot be copied.
    static let journalRowsPerStatement = 1000

    /// Appends a record this process has just made (see `AuditStore.appendNewAudit`). With a
    /// journal directory it is written to the journal (`JournalledAudit`), which survives a
    /// crash of the process, and moved into the database at the next move (50 ms after the
    /// last one ended), or at once by a read of the audit trail through this store; else it is
    /// group-committed in the database (``appendAudit(_:)``).
    /// - Throws: `StorageError.unavailable` when the journal cannot be written or the store is
    ///   closed (its journal is closed with it).
    public func appendNewAudit(_ a: AuditRecord) async throws(StorageError) {
        guard let journal else { return try await appendAudit(a) }
        try journal.append(a)
    }

    /// Moves every record journalled so far into the audit table (nothing without a journal).
    func moveJournal() async throws(StorageError) {
        try await journal?.move(journalInsert)
    }

    /// Moves into the audit table the journals that stopped processes left in the journal directory.
    func moveLeftoverJournals() async throws(StorageError) {
        try await journal?.moveLeftovers(journalInsert)
    }

    /// Inserts a journal file's records (`copyAudit(_:)`), keeping any already stored (a file
    /// moved once before a crash stopped its deletion). Committed with the server's default
    /// `synchronous_commit`, so a file is deleted only once its records are on the server's
    /// disk. Holds the store weakly, for the moving task.
    var journalInsert: JournalledAudit.Insert {
        { [weak self] (records) async throws(StorageError) in
            guard let self else { throw .unavailable("the PostgreSQL store was released before its audit journal was moved") }
            try await self.copyAudit(records)
        }
    }

    /// The path prefix of the journal files in `directory` for the database at `location`
    /// (`DIR/textgate-audit-USER@HOST:PORT-DATABASE`, a socket directory for the host, other
    /// characters as `_`), so that instances of
    /// two databases sharing one directory never move each other's records. Makes the directory
    /// when it is missing.
    /// - Throws: `StorageError.unavailable` when it cannot be made.
    static func journalPrefix(in directory: String, for location: PostgresLocation) throws(StorageError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot make the audit journal directory \(directory): \(error.localizedDescription)")
        }
        let name = "\(location.user)@\(location.host ?? location.socketDirectory ?? ""):\(location.port)-\(location.database)"
        let kept = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@:.-")
        let safe = String(name.map { kept.contains($0) ? $0 : "_" })
        return (directory.hasSuffix("/") ? directory : directory + "/") + "textgate-audit-" + safe
    }
}

/// Appends journalled audit records (a document as `AuditAppend`'s), skipping any whose id is
/// stored already. Committed with the server's default `synchronous_commit`.
struct AuditMove: PostgresPreparedStatement {
    static let name = "textgate_audit_move"
    static let sql = AuditAppend.insert() + "\nON CONFLICT (id) DO NOTHING"
    typealias Row = PostgresRow
    let document: String

    /// The statement moving `batch`.
    init(batch: [AuditRecord]) { document = AuditAppend(batch: batch).document }
    func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
