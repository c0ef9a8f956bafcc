import Foundation
import Logging
import SQLiteNIO
import Storage
import Synchronization

/// The embedded textgate store: one SQLite file, opened in WAL mode.
///
/// One connection serves every write and most reads. Each operation takes a FIFO gate around
/// the connection, so the statements of a multi-statement transaction (migrations) never
/// interleave with another task's; single-statement operations are atomic in SQLite. The reads
/// on a send's path (its recipient, consent, blocked number, queue, idempotency key, and API
/// keys) and on an inbound text's (the sender's patients, the last message to them, the
/// reminder it answers) go to a second, read-only connection: in WAL mode it reads the last committed state
/// without waiting for the writer's gate (a group commit holds it through its sync). The group
/// commits of sends run on a third connection, under the same gate, whose commits are always
/// synced (`synchronous=FULL`). Those two keep their prepared statements (``CachedConnection``).
/// A fourth connection copies the WAL back into the database file in the background
/// (``Checkpointer``). The audit
/// records of `/v1/check` go first to a journal file of this process and reach the database in
/// batches (`JournalledAudit`).
/// Open with ``open(path:logger:)``, then call ``migrate()`` before anything else.
public final class SQLiteStore: TextgateStore {
    /// The open connection (itself `Sendable`: it only touches the C handle on its thread pool).
    let connection: SQLiteConnection
    /// The read-only connection for single-statement reads (see ``read(_:_:_:)``).
    let reader: CachedConnection
    /// The connection that writes sends (see ``commitSend(_:)``), under `gate`.
    let sender: CachedConnection
    /// Copies the WAL back into the database file off the commit path.
    let checkpointer: Checkpointer
    /// The database file, for error messages.
    let path: String
    /// Serialises every use of `connection`.
    let gate = SerialGate()
    /// Whether `connection` is at `synchronous=FULL` (else `NORMAL`, as it opens); read and set
    /// under `gate`.
    let fullSync = Mutex(false)
    /// Where migrations are reported.
    let logger: Logger
    /// Batches concurrent audit appends into one transaction.
    let auditCommit = GroupCommit<AuditRecord>()
    /// Audit records appended by ``appendNewAudit(_:)``, until they are moved into the database.
    let journal: JournalledAudit
    /// Batches concurrent durable writes into one transaction synced once.
    let durableCommit = GroupCommit<DurableWrite>(maxBatch: 128)
    /// Batches concurrent sends into one transaction on `sender`, synced once.
    let sendCommit = GroupCommit<PendingSend>(maxBatch: 128)

    private init(connection: SQLiteConnection, reader: CachedConnection, sender: CachedConnection, checkpointer: Checkpointer,
                 path: String, logger: Logger) {
        self.connection = connection
        self.reader = reader
        self.sender = sender
        self.checkpointer = checkpointer
        self.path = path
        self.logger = logger
        self.journal = JournalledAudit(prefix: path, logger: logger)
    }

    /// Opens (creating if missing) the SQLite database file at `path`.
    ///
    /// Sets `journal_mode=WAL`, `foreign_keys=ON`, `busy_timeout=5000`, `synchronous=NORMAL` and
    /// `wal_autocheckpoint` to ``Checkpointer/writerPages``, and starts the background checkpoints.
    /// Does not migrate: call ``migrate()`` next.
    ///
    /// - Parameters:
    ///   - path: The database file; its directory must exist.
    ///   - logger: Where to log; nil logs nothing.
    /// - Throws: `StorageError.unavailable` naming the path when the file cannot be opened
    ///   or is not an SQLite database.
    public static func open(path: String, logger: Logger?) async throws(StorageError) -> SQLiteStore {
        let logger = logger ?? Logger(label: "textgate.storage.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw .unavailable("cannot open SQLite database at \(path): \(openFailure(path: path, error))")
        }
        let pragmas = [
            // Readers never block the writer and vice versa; durable across crashes.
            "PRAGMA journal_mode=WAL",
            // sqlite-nio installs a busy handler that retries forever; this replaces it with a
            // 5 s limit, so a file locked by another process fails instead of hanging.
            "PRAGMA busy_timeout=5000",
            // With WAL, NORMAL is crash-safe: the database can never be corrupted. A process crash
            // loses nothing; an OS crash or power loss can roll back only the last commits since
            // the WAL was last synced (FULL would fsync the WAL on every commit).
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            // The WAL is copied back in the background (`Checkpointer`); a commit does it only
            // when the WAL reaches this size.
            "PRAGMA wal_autocheckpoint=\(Checkpointer.writerPages)",
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY NOT NULL,
                applied_at TEXT NOT NULL
            )
            """,
        ]
        for sql in pragmas {
            do {
                _ = try await connection.query(sql, [])
            } catch {
                try? await connection.close()
                throw .unavailable("cannot use SQLite database at \(path): \(reason(error))")
            }
        }
        // journal_mode silently stays as it was when WAL is impossible (e.g. some network file systems).
        let mode = try? await connection.query("PRAGMA journal_mode", []).first?.column("journal_mode")?.string
        if mode?.lowercased() != "wal" {
            logger.warning("SQLite database is not in WAL mode", metadata: ["path": .string(path), "mode": .string(mode ?? "?")])
        }
        let reader: CachedConnection
        do {
            // Reads only; waits like the writer for a file locked by another process.
            reader = try await CachedConnection.open(path: path, for: "reading", pragmas: ["PRAGMA busy_timeout=5000", "PRAGMA query_only=1"])
        } catch {
            try? await connection.close()
            throw error
        }
        let sender: CachedConnection
        do {
            // Every commit on it is a send's, synced before the send is answered.
            sender = try await CachedConnection.open(path: path, for: "writing sends", pragmas: [
                "PRAGMA busy_timeout=5000", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                "PRAGMA wal_autocheckpoint=\(Checkpointer.writerPages)",
            ])
        } catch {
            await reader.close()
            try? await connection.close()
            throw error
        }
        let checkpointer: Checkpointer
        do {
            checkpointer = try await Checkpointer.start(path: path, logger: logger)
        } catch {
            await sender.close()
            await reader.close()
            try? await connection.close()
            throw .unavailable("cannot open SQLite database at \(path) for checkpoints: \(reason(error))")
        }
        let store = SQLiteStore(connection: connection, reader: reader, sender: sender, checkpointer: checkpointer,
                                path: path, logger: logger)
        store.journal.start(store.journalInsert)
        return store
    }

    /// Moves the audit journal into the database and closes the connection; later calls fail
    /// with `StorageError.unavailable`. Closing twice is harmless.
    /// - Throws: `StorageError.unavailable` when the journal cannot be moved (its records stay
    ///   in its file, for the next open) or a connection cannot be closed.
    public func close() async throws(StorageError) {
        var unmoved: StorageError?
        do { try await stopMovingJournal() } catch { unmoved = error }
        await journal.close()
        try await gate.withGate { () async throws(StorageError) in
            guard !connection.isClosed else { return }
            do {
                try await checkpointer.close()
                await sender.close()
                await reader.close()
                try await connection.close()
            } catch {
                throw .unavailable("closing SQLite database at \(path): \(Self.reason(error))")
            }
        }
        if let unmoved { throw unmoved }
    }

    // MARK: Statements

    /// Runs one statement while holding the gate, committed with `synchronous=NORMAL`.
    ///
    /// - Parameter what: What the statement does, for error messages ("add queue").
    func query(_ sql: String, _ binds: [SQLiteData] = [], _ what: String) async throws(StorageError) -> [SQLiteRow] {
        try await gate.withGate { () async throws(StorageError) in
            try await synchronous(full: false, what)
            return try await unguardedQuery(sql, binds, what)
        }
    }

    /// Runs one read-only statement on the reader connection, without the gate: it sees what
    /// was committed when it starts (never a transaction still open on the writer).
    func read(_ sql: String, _ binds: [SQLiteData] = [], _ what: String) async throws(StorageError) -> [CachedRow] {
        guard !connection.isClosed else { throw .unavailable("SQLite database at \(path) is closed (\(what))") }
        return try await reader.run(what) { (session) throws(StorageError) in try session.query(sql, binds) }
    }

    /// Runs one statement whose commit must survive power loss before it returns: the WAL is
    /// synced for it (`synchronous=FULL`), group-committed with other durable writes.
    func durableQuery(_ sql: String, _ binds: [SQLiteData] = [], _ what: String) async throws(StorageError) -> [SQLiteRow] {
        try await durableTransaction(what) { (tx) async throws(StorageError) in try await tx.query(sql, binds) }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE … COMMIT` transaction while holding the gate,
    /// committed with `synchronous=NORMAL`; rolls back when it throws. `body` must use only the
    /// `Transaction` it is given.
    func transaction<T: Sendable>(
        _ what: String, _ body: (Transaction) async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        try await gate.withGate { () async throws(StorageError) in
            try await synchronous(full: false, what)
            return try await unguardedTransaction(what, body)
        }
    }

    /// ``transaction(_:_:)``, and with `durable` the commit is synced to disk before this returns
    /// (`synchronous=FULL`), group-committed with other durable writes (see ``durableTransaction(_:_:)``).
    func transaction<T: Sendable>(
        _ what: String, durable: Bool, _ body: @escaping @Sendable (Transaction) async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        guard durable else { return try await transaction(what, body) }
        return try await durableTransaction(what, body)
    }

    /// `BEGIN IMMEDIATE`, `body`, `COMMIT` (or `ROLLBACK` when it throws); the caller holds the gate.
    func unguardedTransaction<T: Sendable>(
        _ what: String, _ body: (Transaction) async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        _ = try await unguardedQuery("BEGIN IMMEDIATE", [], what)
        do throws(StorageError) {
            let value = try await body(Transaction(store: self, what: what))
            _ = try await unguardedQuery("COMMIT", [], what)
            return value
        } catch {
            // The error that matters is the one that made it roll back.
            _ = try? await unguardedQuery("ROLLBACK", [], what)
            throw error
        }
    }

    /// Runs `body` (the gate is held) with `synchronous=FULL`. The connection stays so after,
    /// until a write that needs no sync sets `NORMAL` again (``synchronous(full:_:)``): under a
    /// stream of durable writes, a batch costs no statements for the setting.
    func durably<T: Sendable>(
        _ what: String, _ body: () async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        try await synchronous(full: true, what)
        return try await body()
    }

    /// Sets `synchronous` to `FULL` or `NORMAL` unless it is so already; the caller holds the
    /// gate. Every write under the gate goes through this or ``durably(_:_:)``, so a commit
    /// that must be synced always is, and one that need not be is not.
    func synchronous(full: Bool, _ what: String) async throws(StorageError) {
        guard fullSync.withLock({ $0 }) != full else { return }
        _ = try await unguardedQuery(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", [], what)
        fullSync.withLock { $0 = full }
    }

    /// Statements inside a transaction (the gate is already held).
    struct Transaction {
        let store: SQLiteStore
        let what: String

        /// Runs one statement of the transaction.
        func query(_ sql: String, _ binds: [SQLiteData] = []) async throws(StorageError) -> [SQLiteRow] {
            try await store.unguardedQuery(sql, binds, what)
        }
    }

    /// Runs one statement; the caller holds the gate.
    func unguardedQuery(_ sql: String, _ binds: [SQLiteData], _ what: String) async throws(StorageError) -> [SQLiteRow] {
        guard !connection.isClosed else { throw .unavailable("SQLite database at \(path) is closed (\(what))") }
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw mapError(error, what)
        }
    }

    /// Constraint violations are conflicts; damaged files are corrupt; everything else is unavailable.
    func mapError(_ error: any Error, _ what: String) -> StorageError {
        guard let error = error as? SQLiteError else {
            return .unavailable("\(what) in SQLite database at \(path): \(error)")
        }
        switch error.reason {
        case .constraint, .constraintCheckFailed, .constraintCommitHookFailed, .constraintForeignKeyFailed,
             .constraintUserFunctionFailed, .constraintNotNullFailed, .constraintPrimaryKeyFailed,
             .constraintTriggerFailed, .constraintUniqueFailed, .constraintVirtualTableFailed,
             .constraintUniqueRowIDFailed, .constraintUpdateTriggerDeletedRow, .constraintStrictDataTypeFailed:
            return .conflict("\(what): \(error.message)")
        case .corrupt, .corruptIndex, .corruptSequenceSchema, .corruptVirtualTable, .notADatabase:
            return .corrupt("\(what) in SQLite database at \(path): \(error.message)")
        default:
            return .unavailable("\(what) in SQLite database at \(path): \(error.message)")
        }
    }

    /// Why a file could not be opened, in words a person can act on.
    static func openFailure(path: String, _ error: any Error) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return "directory \(directory) does not exist"
        }
        if !isDirectory.boolValue { return "\(directory) is not a directory" }
        guard let error = error as? SQLiteError else { return "\(error)" }
        switch error.reason {
        case .permission, .readOnly, .auth: return "permission denied"
        default: return "\(error.reason)"
        }
    }

    /// A readable reason from an sqlite-nio error.
    static func reason(_ error: any Error) -> String {
        (error as? SQLiteError)?.message ?? "\(error)"
    }
}
