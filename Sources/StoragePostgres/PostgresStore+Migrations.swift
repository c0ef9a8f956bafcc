import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// One schema version: statements run together in one transaction.
    struct Migration: Sendable {
        /// Applied in ascending order; never reused or edited once released.
        let version: Int
        /// The statements, in order.
        let statements: [String]
    }

    /// The advisory lock key every textgate instance takes while migrating ("textgate" in ASCII).
    static let migrationLock: Int64 = 0x7465_7874_6761_7465

    /// Applies pending migrations in order, each version at most once, all in one transaction
    /// holding an advisory lock: instances that start together wait for the first, then find
    /// nothing left to do. Then moves into the audit table the journals that stopped processes
    /// left in this store's journal directory.
    /// - Throws: `StorageError.unavailable` when the database is from a newer textgate, or a
    ///   journal left in the directory cannot be read or moved (it stays, for the next try).
    public func migrate() async throws(StorageError) {
        try await migrate(to: Self.migrations)
        // Audit records a stopped process journalled but did not move (see `JournalledAudit`).
        try await moveLeftoverJournals()
    }

    /// Applies pending `migrations` (the real list, or a longer one in tests).
    func migrate(to migrations: [Migration]) async throws(StorageError) {
        let known = migrations.map(\.version).max() ?? 0
        let applied = try await transaction("migrate the schema") { (tx) async throws(StorageError) -> [Int] in
            _ = try await tx.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            _ = try await tx.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)")
            let current = try await Self.version(tx.query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations"))
            if current > known {
                throw .unavailable("PostgreSQL database at \(tx.store.location) has schema version \(current), newer than this textgate knows (\(known))")
            }
            var applied: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
                for sql in migration.statements {
                    _ = try await tx.query(PostgresQuery(unsafeSQL: sql))
                }
                _ = try await tx.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (\(migration.version), \(Millisecond.date(Date())))")
                applied.append(migration.version)
            }
            return applied
        }
        for version in applied {
            logger.info("Applied schema migration", metadata: ["version": "\(version)", "database": "\(location)"])
        }
    }

    /// The highest applied schema version; 0 for a new database.
    public func schemaVersion() async throws(StorageError) -> Int {
        let exists = try await query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present", "read schema version")
        guard let row = exists.first, try RowReader(row, table: "schema_migrations").bool("present") else { return 0 }
        return try Self.version(try await query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations",
                                                "read schema version"))
    }

    /// Versions applied, oldest first, with when (for tests and diagnostics).
    func appliedMigrations() async throws(StorageError) -> [(version: Int, appliedAt: Date)] {
        let rows = try await query("SELECT version, applied_at FROM schema_migrations ORDER BY version", "read migrations")
        var result: [(version: Int, appliedAt: Date)] = []
        for row in rows {
            let r = RowReader(row, table: "schema_migrations")
            result.append((try r.int("version"), try r.date("applied_at")))
        }
        return result
    }

    private static func version(_ rows: [PostgresRow]) throws(StorageError) -> Int {
        guard let row = rows.first else { return 0 }
        return try RowReader(row, table: "schema_migrations").int("version")
    }
}
