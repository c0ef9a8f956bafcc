import Foundation
import Logging
import PostgresNIO
import Storage
import Synchronization

/// The textgate store on a PostgreSQL server, shared by any number of textgate instances.
///
/// A `PostgresClient` keeps a pool of connections; every operation leases one for a single
/// statement or one transaction. Open with ``open(location:logger:)`` (or ``open(url:logger:)``),
/// then call ``migrate()`` before anything else; several instances may migrate at once.
///
/// Opened with a journal directory, the records of `/v1/check` (``appendNewAudit(_:)``) go first
/// to a journal file of this process there and reach the database in batches
/// (`JournalledAudit`); without one, they are group-committed in the database.
public final class PostgresStore: TextgateStore {
    /// The connection pool.
    let client: PostgresClient
    /// Where the server is, for error messages (never includes the password).
    let location: PostgresLocation
    /// Where migrations are reported.
    let logger: Logger
    /// Batches concurrent audit appends into one statement.
    let auditCommit = GroupCommit<AuditRecord>()
    /// Batches concurrent sends that complete a reserved key (or have none) into one statement.
    let completingSends = GroupCommit<PendingSend>(maxBatch: 128)
    /// Batches concurrent sends that claim their key into one statement.
    let claimingSends = GroupCommit<PendingSend>(maxBatch: 128)
    /// Batches concurrent sends' first reads into one statement.
    let sendTargets = GroupCommit<PendingTarget>(maxBatch: 128)
    /// The journal of ``appendNewAudit(_:)``, when the store was opened with a directory for it.
    let journal: JournalledAudit?
    /// Runs the pool until ``close()``.
    private let runner: Task<Void, Never>
    /// Set once by ``close()``; later calls fail with `.unavailable`.
    private let closed = Mutex(false)

    private init(client: PostgresClient, location: PostgresLocation, logger: Logger, journal: JournalledAudit?) {
        self.client = client
        self.location = location
        self.logger = logger
        self.journal = journal
        self.runner = Task { await client.run() }
    }

    /// Opens a store on the server and database a `postgres://` URL names (see ``PostgresLocation``).
    /// - Throws: `StorageError.unavailable` saying what is wrong with the URL, or why the server
    ///   cannot be reached or refused the connection.
    public static func open(url: String, logger: Logger?, pool: PostgresPool = .onDemand,
                            auditJournal: String? = nil) async throws(StorageError) -> PostgresStore {
        try await open(location: PostgresLocation(url: url), logger: logger, pool: pool, auditJournal: auditJournal)
    }

    /// Opens a store on `location`: connects once to check the server, database and credentials,
    /// then starts the pool. Does not migrate: call ``migrate()`` next, which also moves the
    /// journals that stopped processes left in `auditJournal` (a directory of this machine,
    /// made when missing; see ``journalPrefix(in:for:)``).
    /// - Throws: `StorageError.unavailable` naming the server and why it cannot be used, or the
    ///   journal directory and why it cannot be made.
    public static func open(location: PostgresLocation, logger: Logger?, pool: PostgresPool = .onDemand,
                            auditJournal: String? = nil) async throws(StorageError) -> PostgresStore {
        let logger = logger ?? Logger(label: "textgate.storage.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let probe = try await PostgresConnection.connect(
                configuration: location.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw .unavailable("cannot connect to PostgreSQL at \(location): \(describe(error))")
        }
        let journal = try auditJournal.map { (directory) throws(StorageError) in
            JournalledAudit(prefix: try journalPrefix(in: directory, for: location), logger: logger)
        }
        let client = PostgresClient(configuration: try location.clientConfiguration(pool: pool), backgroundLogger: logger)
        let store = PostgresStore(client: client, location: location, logger: logger, journal: journal)
        journal?.start(store.journalInsert)
        return store
    }

    /// Moves the audit journal into the database, when there is one, and stops the pool; later
    /// calls fail with `StorageError.unavailable`. Closing twice is harmless.
    /// - Throws: `StorageError.unavailable` when the journal cannot be moved (its records stay
    ///   in its file, for the next process that uses the same journal directory).
    public func close() async throws(StorageError) {
        // The journal is moved while the store is still open.
        var unmoved: StorageError?
        if let journal, !closed.withLock({ $0 }) {
            do { try await journal.stop(then: journalInsert) } catch { unmoved = error }
            await journal.close()
        }
        let wasClosed = closed.withLock { (value: inout Bool) -> Bool in
            defer { value = true }
            return value
        }
        guard !wasClosed else { return }
        runner.cancel()
        await runner.value
        if let unmoved { throw unmoved }
    }

    // MARK: Statements

    /// Runs one statement on a pooled connection and returns all its rows.
    ///
    /// - Parameter what: What the statement does, for error messages ("add queue").
    func query(_ query: PostgresQuery, _ what: String) async throws(StorageError) -> [PostgresRow] {
        try checkOpen(what)
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw mapError(error, what)
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws. `body` must use only the `Transaction` it is given.
    func transaction<T: Sendable>(
        _ what: String, _ body: (Transaction) async throws(StorageError) -> T
    ) async throws(StorageError) -> T {
        try checkOpen(what)
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(Transaction(connection: connection, logger: logger, what: what, store: self))
            }
        } catch let error as StorageError {
            throw error
        } catch let error as PostgresTransactionError {
            // The body's own error (a conflict, say) is the one that made it roll back.
            if let inner = error.closureError as? StorageError { throw inner }
            throw mapError(error.closureError ?? error.beginError ?? error.commitError ?? error, what)
        } catch {
            throw mapError(error, what)
        }
    }

    /// Statements inside a transaction, on its connection.
    struct Transaction {
        let connection: PostgresConnection
        let logger: Logger
        let what: String
        let store: PostgresStore

        /// Runs one statement of the transaction and returns all its rows.
        func query(_ query: PostgresQuery) async throws(StorageError) -> [PostgresRow] {
            do {
                return try await connection.query(query, logger: logger).collect()
            } catch {
                throw store.mapError(error, what)
            }
        }
    }

    func checkOpen(_ what: String) throws(StorageError) {
        if closed.withLock({ $0 }) { throw .unavailable("PostgreSQL store at \(location) is closed (\(what))") }
    }

    /// Unique, foreign-key and check violations are conflicts; everything else is unavailable.
    func mapError(_ error: any Error, _ what: String) -> StorageError {
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            // Class 23: integrity constraint violation (unique, foreign key, not null, check).
            if state.hasPrefix("23") { return .conflict("\(what): \(message)") }
            // Class XX (internal error) and data_corrupted: the stored data cannot be trusted.
            if state.hasPrefix("XX") { return .corrupt("\(what) in PostgreSQL at \(location): \(message)") }
            return .unavailable("\(what) in PostgreSQL at \(location): \(message) (SQLSTATE \(state))")
        }
        return .unavailable("\(what) in PostgreSQL at \(location): \(Self.describe(error))")
    }

    /// A readable reason from a postgres-nio error: the server's message, or what failed on the way.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
