import Foundation
import Storage
@testable import StorageSQLite
import Testing

/// What only the SQLite store has: a file, pragmas, its migration runner, its timestamp text.
@Suite("SQLite store")
struct SQLiteStoreTests {
    /// A new empty directory under the system temp directory, removed after `body`.
    func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    /// A migrated store in a new file, closed after `body`.
    func withStore(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        try await withDirectory { (directory) async throws in
            let path = directory.appendingPathComponent("db.sqlite").path
            let store = try await SQLiteStore.open(path: path, logger: nil)
            do {
                try await store.migrate()
                try await body(store, path)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    @Test("a file in a missing directory is .unavailable, naming the path")
    func missingDirectory() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-missing-\(UUID().uuidString)/sub/db.sqlite").path
        let error = await storageError { _ = try await SQLiteStore.open(path: path, logger: nil) }
        #expect(error?.isUnavailable == true)
        #expect(error?.message.contains(path) == true, "\(String(describing: error))")
        #expect(error?.message.contains("does not exist") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file that is not a database is .unavailable, naming the path, and left alone")
    func notADatabase() async throws {
        try await withDirectory { (directory) async throws in
            let path = directory.appendingPathComponent("notes.txt").path
            let text = String(repeating: "not an SQLite file\n", count: 100)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = await storageError { _ = try await SQLiteStore.open(path: path, logger: nil) }
            #expect(error?.isUnavailable == true)
            #expect(error?.message.contains(path) == true, "\(String(describing: error))")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        }
    }

    @Test("open creates the file and sets WAL, foreign keys, busy timeout and synchronous=NORMAL")
    func pragmas() async throws {
        try await withStore { (store, path) async throws in
            #expect(FileManager.default.fileExists(atPath: path))
            func pragma(_ name: String) async throws -> String? {
                try await store.query("PRAGMA \(name)", [], "test").first?.columns.first?.data.string
            }
            #expect(try await pragma("journal_mode") == "wal")
            #expect(try await pragma("foreign_keys") == "1")
            #expect(try await pragma("busy_timeout") == "5000")
            #expect(try await pragma("synchronous") == "1")  // NORMAL
        }
    }

    @Test("reopening an existing file does not re-run migrations")
    func reopenKeepsMigrations() async throws {
        try await withDirectory { (directory) async throws in
            let path = directory.appendingPathComponent("db.sqlite").path
            let first = try await SQLiteStore.open(path: path, logger: nil)
            try await first.migrate()
            let applied = try await first.appliedMigrations()
            #expect(applied.map(\.version) == SQLiteStore.migrations.map(\.version))
            try await first.close()

            let second = try await SQLiteStore.open(path: path, logger: nil)
            try await second.migrate()
            try await second.migrate()
            let again = try await second.appliedMigrations()
            #expect(again.map(\.version) == applied.map(\.version))
            #expect(again.map(\.appliedAt) == applied.map(\.appliedAt), "applied_at unchanged: nothing re-ran")
            try await second.close()
        }
    }

    @Test("a later migration is applied once; a failing one rolls back entirely")
    func laterMigrations() async throws {
        try await withStore { (store, _) async throws in
            let current = try await store.schemaVersion()
            let next = SQLiteStore.Migration(version: current + 1, statements: [
                "CREATE TABLE extra (id TEXT PRIMARY KEY NOT NULL)",
                "INSERT INTO extra (id) VALUES ('one')",
            ])
            try await store.migrate(to: SQLiteStore.migrations + [next])
            try await store.migrate(to: SQLiteStore.migrations + [next])  // would fail on the duplicate row if re-run
            #expect(try await store.schemaVersion() == current + 1)
            #expect(try await store.query("SELECT COUNT(*) AS n FROM extra", [], "test").first?.column("n")?.integer == 1)

            let broken = SQLiteStore.Migration(version: current + 2, statements: [
                "CREATE TABLE half (id TEXT)",
                "THIS IS NOT SQL",
            ])
            let error = await storageError { try await store.migrate(to: SQLiteStore.migrations + [next, broken]) }
            #expect(error != nil)
            #expect(try await store.schemaVersion() == current + 1)
            let half = try await store.query("SELECT name FROM sqlite_master WHERE name = 'half'", [], "test")
            #expect(half.isEmpty, "the failed migration's first statement was rolled back")
        }
    }

    @Test("recipients stored before language and time zone existed read back with neither")
    func recipientsBeforeLanguage() async throws {
        try await withDirectory { (directory) async throws in
            let store = try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path, logger: nil)
            try await store.migrate(to: SQLiteStore.migrations.filter { $0.version <= 2 })
            _ = try await store.query("""
                INSERT INTO recipients (id, kind, first_name, created_at, updated_at)
                VALUES ('pat_old', 'patient', 'Ada', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')
                """, [], "test")
            try await store.migrate()
            let old = try #require(try await store.recipient(id: "pat_old"))
            #expect(old.firstName == "Ada")
            #expect(old.language == nil)
            #expect(old.timeZone == nil)
            try await store.close()
        }
    }

    @Test("a response saved before request hashes were kept migrates as completed, matching any request")
    func idempotencyBeforeHashes() async throws {
        try await withDirectory { (directory) async throws in
            let store = try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path, logger: nil)
            try await store.migrate(to: SQLiteStore.migrations.filter { $0.version <= 3 })
            _ = try await store.query("""
                INSERT INTO idempotent_responses (caller, key, status, body, created_at)
                VALUES ('key_1', 'old', 201, '{"id":"msg_1"}', '2025-01-01T00:00:00.000Z')
                """, [], "test")
            try await store.migrate()
            let old = try #require(try await store.idempotentResponse(caller: "key_1", key: "old"))
            #expect(old.requestHash == "")
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "old", requestHash: "h", at: Date()) == .completed(old))
            try await store.close()
        }
    }

    @Test("durable writes are committed with synchronous=FULL, kept for the next durable write; a write that needs no sync sets NORMAL")
    func durableWrites() async throws {
        try await withStore { (store, _) async throws in
            // The connection's setting as it stands, read without changing it.
            func mode() async throws -> String? {
                try await store.gate.withGate { () async throws(StorageError) in
                    try await store.unguardedQuery("PRAGMA synchronous", [], "test").first?.columns.first?.data.string
                }
            }
            #expect(try await mode() == "1", "NORMAL as opened")
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Date()) == .reserved)
            #expect(try await mode() == "2", "FULL for the durable write, and still after it")
            _ = try await store.releaseIdempotency(caller: "key_1", key: "k")
            #expect(try await mode() == "2")
            _ = try await store.query("INSERT INTO queues (name, number, created_at) VALUES ('q', '+15550100999', '2025-01-01T00:00:00.000Z')", [], "test")
            #expect(try await mode() == "1", "NORMAL for a write that needs no sync")
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k2", requestHash: "h", at: Date()) == .reserved)
            #expect(try await mode() == "2", "FULL again for the next durable write")
        }
    }

    @Test("a file from a newer textgate is refused with .unavailable")
    func newerSchema() async throws {
        try await withStore { (store, _) async throws in
            _ = try await store.query(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (999, '2030-01-01T00:00:00.000Z')", [], "test")
            let error = await storageError { try await store.migrate() }
            #expect(error?.isUnavailable == true)
            #expect(error?.message.contains("999") == true)
        }
    }

    @Test("unreadable rows are .corrupt, never a crash")
    func corruptRows() async throws {
        try await withStore { (store, _) async throws in
            _ = try await store.query("""
                INSERT INTO recipients (id, kind, created_at, updated_at)
                VALUES ('pat_bad_date', 'patient', 'yesterday', '2025-01-01T00:00:00.000Z'),
                       ('pat_bad_kind', 'alien', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
                       ('pat_feb_30', 'patient', '2025-02-30T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
                       ('pat_number', 'patient', 12, '2025-01-01T00:00:00.000Z')
                """, [], "test")
            for id in ["pat_bad_date", "pat_bad_kind", "pat_feb_30", "pat_number"] {
                let error = await storageError { _ = try await store.recipient(id: id) }
                #expect(error?.isCorrupt == true, "\(id): \(String(describing: error))")
                #expect(error?.message.contains(id) == true)
            }
            let list = await storageError { _ = try await store.recipients(kind: nil) }
            #expect(list?.isCorrupt == true)

            _ = try await store.query("""
                INSERT INTO api_keys (id, name, roles, hash, created_at) VALUES ('key_x', 'x', 'admin,sender', 'h', '2025-01-01T00:00:00.000Z')
                """, [], "test")
            let roles = await storageError { _ = try await store.key(hash: "h") }
            #expect(roles?.isCorrupt == true)
        }
    }

    @Test("the consent ledger refuses UPDATE and DELETE in the database itself")
    func consentAppendOnly() async throws {
        try await withStore { (store, _) async throws in
            try await store.appendConsent(Sample.consent("con_ev_1"))
            let update = await storageError {
                _ = try await store.query("UPDATE consent_events SET action = 'opt-in'", [], "test")
            }
            #expect(update?.isConflict == true)
            #expect(update?.message.contains("append-only") == true)
            let delete = await storageError { _ = try await store.query("DELETE FROM consent_events", [], "test") }
            #expect(delete?.isConflict == true)
            #expect(try await store.allConsentEvents() == [Sample.consent("con_ev_1")])
        }
    }

    @Test("the decision index leaves out records that allow, and lookups of every other decision use it")
    func decisionIndex() async throws {
        try await withStore { (store, _) async throws in
            for (n, decision) in ["allow", "block", "allow", "recipient_opted_out", "warn"].enumerated() {
                try await store.appendAudit(Sample.audit("aud_\(n)", decision: decision, at: n))
            }
            let indexed = try await store.query("SELECT count(*) AS n FROM audit INDEXED BY audit_by_decision WHERE decision != 'allow'", [], "test")
            #expect(try RowReader(row: indexed[0], table: "audit").int("n") == 3)
            for decision in ["block", "recipient_opted_out", "allow"] {
                let records = try await store.audit(AuditFilter(decision: decision), page: Page())
                #expect(records.items.allSatisfy { $0.decision == decision } && !records.items.isEmpty, "\(decision)")
                #expect(try await store.audit(AuditFilter(decision: decision)).map(\.id) == records.items.map(\.id))
                let plan = try await store.query("EXPLAIN QUERY PLAN SELECT * FROM audit WHERE \(SQLiteStore.auditDecision(decision)) ORDER BY at DESC",
                                                  [.text(decision)], "test")
                let steps = try plan.map { try RowReader(row: $0, table: "plan").string("detail") }.joined(separator: "; ")
                #expect(steps.contains("audit_by_decision") == (decision != "allow"), "\(decision): \(steps)")
            }
        }
    }

    @Test("text with quotes, newlines and non-ASCII, and JSON arrays with commas, round-trip")
    func textRoundTrip() async throws {
        try await withStore { (store, _) async throws in
            var message = Sample.message("msg_1")
            message.body = "It's \"fine\"; DROP TABLE messages; -- 你好 👋🏽\r\n\ttab"
            message.notify = ["sms", "e,mail", "\"quoted\"", ""]
            message.findingsJSON = #"[{"rule":"phi","span":[1,2]}]"#
            try await store.insertMessage(message)
            #expect(try await store.message(id: "msg_1") == message)
        }
    }
}

@Suite("Timestamp text")
struct TimestampTests {
    @Test("fixed-width UTC text with milliseconds")
    func format() {
        #expect(Timestamp.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.text(Date(timeIntervalSince1970: 1_700_000_000.123)) == "2023-11-14T22:13:20.123Z")
        #expect(Timestamp.text(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.text(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        // Proleptic Gregorian, as ISO 8601 counts (Foundation's calendar calls this 0001-01-01, Julian).
        #expect(Timestamp.text(.distantPast) == "0000-12-30T00:00:00.000Z")
        #expect(Timestamp.text(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.text(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
    }

    @Test("text order is time order")
    func order() {
        let dates = [-5_000_000_000.0, -1, -0.001, 0, 0.001, 59.999, 86_400, 1_700_000_000.5, 4_102_444_799.999]
            .map { Date(timeIntervalSince1970: $0) }
        let texts = dates.map(Timestamp.text)
        #expect(texts == texts.sorted())
        for (date, text) in zip(dates, texts) {
            #expect(Timestamp.date(text).map(millis) == millis(date), "\(text)")
        }
    }

    @Test("only the exact stored form parses", arguments: [
        "2025-02-30T00:00:00.000Z", "2025-13-01T00:00:00.000Z", "2025-01-01T24:00:00.000Z",
        "2025-01-01T00:00:00Z", "2025-01-01 00:00:00.000Z", "2025-01-01T00:00:00.000+00:00",
        "", "yesterday", "2025-01-01T00:00:00.00aZ", "２０２５-01-01T00:00:00.000Z",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.date(text) == nil)
    }
}
