import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// One schema version: statements run together in one transaction.
    struct Migration: Sendable {
        /// Applied in ascending order; never reused or edited once released.
        let version: Int
        /// One statement per element (sqlite-nio runs only the first statement of a string).
        let statements: [String]
    }

    /// Every schema version, oldest first. Append new versions; never change released ones.
    static let migrations: [Migration] = [
        Migration(version: 1, statements: [
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                roles TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            )
            """,
            """
            CREATE TABLE recipients (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                first_name TEXT,
                last_name TEXT,
                date_of_birth TEXT,
                cell_phone TEXT,
                email TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX recipients_by_phone ON recipients (cell_phone)",
            "CREATE INDEX recipients_by_kind ON recipients (kind, created_at)",
            """
            CREATE TABLE queues (
                name TEXT PRIMARY KEY NOT NULL,
                number TEXT UNIQUE,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE messages (
                id TEXT PRIMARY KEY NOT NULL,
                recipient_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                notify TEXT NOT NULL,
                body TEXT NOT NULL,
                queue TEXT,
                from_number TEXT NOT NULL,
                status TEXT NOT NULL,
                decision TEXT NOT NULL,
                rules_version TEXT NOT NULL,
                findings_json TEXT NOT NULL,
                caller TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX messages_by_recipient ON messages (recipient_id, created_at)",
            "CREATE INDEX messages_by_queue ON messages (queue, created_at)",
            "CREATE INDEX messages_by_from_number ON messages (from_number, created_at)",
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY NOT NULL,
                message_id TEXT NOT NULL REFERENCES messages (id),
                channel TEXT NOT NULL,
                sender TEXT NOT NULL,
                receiver TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                acked_at TEXT
            )
            """,
            "CREATE INDEX outbox_pending ON outbox (created_at) WHERE acked_at IS NULL",
            "CREATE INDEX outbox_by_message ON outbox (message_id)",
            """
            CREATE TABLE inbound (
                id TEXT PRIMARY KEY NOT NULL,
                from_phone TEXT NOT NULL,
                to_number TEXT NOT NULL,
                body TEXT NOT NULL,
                recipient_id TEXT,
                queue TEXT,
                classification TEXT NOT NULL,
                review_reason TEXT,
                blocked INTEGER NOT NULL CHECK (blocked IN (0, 1)),
                received_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX inbound_by_recipient ON inbound (recipient_id, received_at)",
            "CREATE INDEX inbound_by_phone ON inbound (from_phone, received_at)",
            "CREATE INDEX inbound_by_queue ON inbound (queue, received_at) WHERE blocked = 0",
            """
            CREATE TABLE consent_events (
                id TEXT PRIMARY KEY NOT NULL,
                phone TEXT NOT NULL,
                practice_number TEXT NOT NULL,
                action TEXT NOT NULL,
                source TEXT NOT NULL,
                text TEXT NOT NULL,
                message_id TEXT,
                actor TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX consent_by_phone ON consent_events (phone, practice_number, at)",
            // The ledger is append-only: the database itself refuses changes, whoever asks.
            """
            CREATE TRIGGER consent_events_append_only_update BEFORE UPDATE ON consent_events
            BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
            """,
            """
            CREATE TRIGGER consent_events_append_only_delete BEFORE DELETE ON consent_events
            BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
            """,
            """
            CREATE TABLE blocked_numbers (
                number TEXT PRIMARY KEY NOT NULL,
                blocked_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE audit (
                id TEXT PRIMARY KEY NOT NULL,
                action TEXT NOT NULL,
                recipient_id TEXT,
                message_id TEXT,
                decision TEXT NOT NULL,
                rules_version TEXT NOT NULL,
                findings_json TEXT NOT NULL,
                caller TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_by_time ON audit (at)",
            "CREATE INDEX audit_by_recipient ON audit (recipient_id, at)",
            "CREATE INDEX audit_by_decision ON audit (decision, at)",
            """
            CREATE TABLE idempotent_responses (
                caller TEXT NOT NULL,
                key TEXT NOT NULL,
                status INTEGER NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (caller, key)
            )
            """,
        ]),
        Migration(version: 2, statements: [
            """
            CREATE TABLE secure_links (
                id TEXT PRIMARY KEY NOT NULL,
                message_id TEXT NOT NULL,
                recipient_id TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT,
                failed_pins INTEGER NOT NULL DEFAULT 0,
                failed_identity INTEGER NOT NULL DEFAULT 0,
                locked_at TEXT,
                lock_reason TEXT
            )
            """,
            "CREATE INDEX secure_links_by_message ON secure_links (message_id, created_at)",
            """
            CREATE TABLE patient_pins (
                recipient_id TEXT PRIMARY KEY NOT NULL,
                hash TEXT NOT NULL,
                salt TEXT NOT NULL,
                set_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE patient_sessions (
                hash TEXT PRIMARY KEY NOT NULL,
                link_id TEXT NOT NULL REFERENCES secure_links (id),
                expires_at TEXT NOT NULL
            )
            """,
        ]),
        // Recipients' language and time zone; existing recipients have neither (the practice's).
        Migration(version: 3, statements: [
            "ALTER TABLE recipients ADD COLUMN language TEXT",
            "ALTER TABLE recipients ADD COLUMN time_zone TEXT",
        ]),
        // Idempotency keys reserved before the request runs. Responses saved before have no
        // request hash (it matches any request) and are completed.
        Migration(version: 4, statements: [
            "ALTER TABLE idempotent_responses ADD COLUMN request_hash TEXT NOT NULL DEFAULT ''",
            """
            ALTER TABLE idempotent_responses ADD COLUMN state TEXT NOT NULL DEFAULT 'completed'
                CHECK (state IN ('pending', 'completed'))
            """,
            "ALTER TABLE idempotent_responses ADD COLUMN lease_until TEXT",
        ]),
        // Outbox claims with leases, and the sealed (encrypted) body erased on acknowledgement.
        Migration(version: 5, statements: [
            "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
            "ALTER TABLE outbox ADD COLUMN lease_until TEXT",
            "ALTER TABLE outbox ADD COLUMN sealed_body TEXT",
            "CREATE INDEX outbox_by_time ON outbox (created_at, id)",
        ]),
        // Inbound texts that had to be repaired (invalid UTF-8, control characters) say so.
        Migration(version: 6, statements: [
            "ALTER TABLE inbound ADD COLUMN repaired INTEGER NOT NULL DEFAULT 0 CHECK (repaired IN (0, 1))",
        ]),
        // Broadcasts, appointments, and the scheduler's sends (a broadcast's recipients and
        // appointment reminders), each claimed by one worker and finished once.
        Migration(version: 7, statements: SQLiteStore.scheduleSchema),
        // Deliveries and their status history (the provider's callbacks, kept in order), and
        // messages listed by time and status.
        Migration(version: 8, statements: [
            """
            CREATE TABLE deliveries (
                id TEXT PRIMARY KEY NOT NULL,
                message_id TEXT,
                channel TEXT,
                transport TEXT,
                body TEXT,
                provider_sid TEXT UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'undelivered', 'failed')),
                error_code INTEGER,
                error_message TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX deliveries_by_message ON deliveries (message_id, created_at)",
            """
            CREATE TABLE delivery_events (
                delivery_id TEXT NOT NULL REFERENCES deliveries (id),
                seq INTEGER NOT NULL,
                status TEXT NOT NULL,
                error_code INTEGER,
                error_message TEXT,
                at TEXT NOT NULL,
                PRIMARY KEY (delivery_id, seq)
            )
            """,
            "CREATE INDEX messages_by_time ON messages (created_at, id)",
            "CREATE INDEX messages_by_status ON messages (status, created_at)",
        ]),
        // Each sending number's next free moment (Unix milliseconds), so pacing holds across
        // every process on the file; outbox items already paced by their sender.
        Migration(version: 9, statements: [
            "CREATE TABLE pacing_slots (number TEXT PRIMARY KEY NOT NULL, next_ms INTEGER NOT NULL)",
            "ALTER TABLE outbox ADD COLUMN paced INTEGER NOT NULL DEFAULT 0 CHECK (paced IN (0, 1))",
        ]),
        // The audit records of `/v1/check` name no recipient: the recipient index leaves them
        // out, so the pre-send hook's record costs one index insert fewer (a lookup by recipient
        // names one, so it still uses the index).
        Migration(version: 10, statements: [
            "DROP INDEX audit_by_recipient",
            "CREATE INDEX audit_by_recipient ON audit (recipient_id, at) WHERE recipient_id IS NOT NULL",
        ]),
        // Most audit records allow (every clean `/v1/check`): the decision index leaves them out,
        // one index insert fewer per record (measured on `/v1/check`: 24,165 -> 25,382 a second).
        // A lookup of another decision names `decision != 'allow'` too, so SQLite uses the index
        // (see `auditDecision`); one of `allow` reads the time index, where most rows match.
        Migration(version: 11, statements: [
            "DROP INDEX audit_by_decision",
            "CREATE INDEX audit_by_decision ON audit (decision, at) WHERE decision != 'allow'",
        ]),
    ]

    /// Applies pending migrations in order, each in its own transaction, each at most once;
    /// then moves into the audit table the journals of processes that stopped without doing so.
    ///
    /// Safe against another process migrating the same file: each version is re-checked
    /// inside its (immediate, write-locked) transaction.
    /// - Throws: `StorageError.unavailable` when the file is from a newer textgate, or a
    ///   journal left beside it cannot be read or moved (it stays, for the next try).
    public func migrate() async throws(StorageError) {
        try await migrate(to: Self.migrations)
        // Audit records a stopped process journalled but did not move (see `JournalledAudit`).
        try await moveLeftoverJournals()
    }

    /// Applies pending `migrations` (the real list, or a longer one in tests).
    func migrate(to migrations: [Migration]) async throws(StorageError) {
        let known = migrations.map(\.version).max() ?? 0
        let current = try await schemaVersion()
        if current > known {
            throw .unavailable("SQLite database at \(path) has schema version \(current), newer than this textgate knows (\(known))")
        }
        for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
            let applied = try await transaction("migrate to schema version \(migration.version)") {
                (tx) async throws(StorageError) -> Bool in
                let done = try await tx.query(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", [Bind.int(migration.version)])
                guard done.isEmpty else { return false }
                for sql in migration.statements {
                    _ = try await tx.query(sql)
                }
                _ = try await tx.query(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    [Bind.int(migration.version), Bind.date(Date())])
                return true
            }
            if applied {
                logger.info("Applied schema migration", metadata: ["version": "\(migration.version)", "path": .string(path)])
            }
        }
    }

    /// The highest applied schema version; 0 for a new file.
    public func schemaVersion() async throws(StorageError) -> Int {
        let rows = try await query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations", [], "read schema version")
        guard let row = rows.first else { return 0 }
        return try RowReader(row: row, table: "schema_migrations").int("version")
    }

    /// Versions applied, oldest first, with when (for tests and diagnostics).
    func appliedMigrations() async throws(StorageError) -> [(version: Int, appliedAt: Date)] {
        let rows = try await query("SELECT version, applied_at FROM schema_migrations ORDER BY version", [], "read migrations")
        var result: [(version: Int, appliedAt: Date)] = []
        for row in rows {
            let r = RowReader(row: row, table: "schema_migrations")
            result.append((try r.int("version"), try r.date("applied_at")))
        }
        return result
    }
}
