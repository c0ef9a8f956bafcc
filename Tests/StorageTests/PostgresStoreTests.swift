import Foundation
import PostgresNIO
import Storage
@testable import StoragePostgres
import Testing

/// What only the PostgreSQL store has: URLs, concurrent migration, several instances on one database.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    /// Runs `body` with a new database's URL (dropped after); nothing when PostgreSQL is not
    /// installed outside CI (`StoreFactory.all` says so once).
    func withDatabase(_ body: (String) async throws -> Void) async throws {
        guard TestPostgres.missing == nil || TestPostgres.required else { return }
        try await StoreFactory.postgres.withHarness { (harness) async throws in try await body(harness.location) }
    }

    @Test("two instances migrating one database at once apply each version exactly once")
    func concurrentMigrations() async throws {
        try await withDatabase { (url) async throws in
            let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
                for _ in 0..<4 { group.addTask { try await PostgresStore.open(url: url, logger: nil) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                try await group.waitForAll()
            }
            let applied = try await stores[0].appliedMigrations()
            #expect(applied.map(\.version) == PostgresStore.migrations.map(\.version))
            for store in stores {
                #expect(try await store.schemaVersion() == PostgresStore.migrations.last?.version)
                try await store.close()
            }
        }
    }

    @Test("an audit append turns synchronous_commit off for its own transaction alone, as the README's durability table says")
    func auditCommitsAsynchronously() async throws {
        try await withDatabase { (url) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil)
            try await store.migrate()
            let record = AuditRecord(id: "aud_async", action: "check", recipientId: nil, messageId: nil, decision: "allow",
                                     rulesVersion: "v1", findingsJSON: "[]", caller: "key_1", at: Date(timeIntervalSince1970: 1_800_000_000))
            let statement = AuditAppend(batch: [record])
            try await store.client.withConnection { connection in
                func setting() async throws -> String {
                    try await connection.query("SHOW synchronous_commit", logger: store.logger).collect().first?.decode(String.self) ?? ""
                }
                #expect(try await setting() == "on")
                // In an explicit transaction, to look inside it: alone, the statement is its own.
                _ = try await connection.query("BEGIN", logger: store.logger)
                for try await _ in try await connection.execute(statement, logger: store.logger) {}
                #expect(try await setting() == "off", "the append's transaction commits without waiting for the disk")
                _ = try await connection.query("COMMIT", logger: store.logger)
                #expect(try await setting() == "on", "the next transaction on the connection waits again")
            }
            // Committed: another instance reads the record.
            let other = try await PostgresStore.open(url: url, logger: nil)
            #expect(try await other.audit(AuditFilter(limit: 10)).map(\.id) == ["aud_async"])
            try await other.close()
            try await store.close()
        }
    }

    @Test("a server's pool opens all its connections at start and keeps them; a command's opens what it uses")
    func keptPool() async throws {
        try await withDatabase { (url) async throws in
            func connections(_ store: PostgresStore) async throws -> Int {
                // Client connections only: an autovacuum worker on the database is listed too.
                let rows = try await store.query("""
                    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
                    """, "test")
                return try RowReader(rows[0], table: "test").int("n")
            }
            let server = try await PostgresStore.open(url: url, logger: nil, pool: .kept(3))
            var open = try await connections(server)
            for _ in 0..<100 where open < 3 {
                try await Task.sleep(for: .milliseconds(50))
                open = try await connections(server)
            }
            #expect(open == 3, "the kept pool's connections are all open")
            try await server.close()
            let command = try await PostgresStore.open(url: url, logger: nil)
            #expect(try await connections(command) == 1, "a command's pool opens one connection for one statement")
            try await command.close()
        }
    }

    @Test("a later migration is applied once; a failing one rolls back entirely")
    func laterMigrations() async throws {
        try await withDatabase { (url) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil)
            try await store.migrate()
            let current = try await store.schemaVersion()
            let next = PostgresStore.Migration(version: current + 1, statements: [
                "CREATE TABLE extra (id text PRIMARY KEY)", "INSERT INTO extra (id) VALUES ('one')",
            ])
            try await store.migrate(to: PostgresStore.migrations + [next])
            try await store.migrate(to: PostgresStore.migrations + [next])  // would fail on the duplicate row if re-run
            #expect(try await store.schemaVersion() == current + 1)
            let broken = PostgresStore.Migration(version: current + 2, statements: ["CREATE TABLE half (id text)", "THIS IS NOT SQL"])
            let error = await storageError { try await store.migrate(to: PostgresStore.migrations + [next, broken]) }
            #expect(error?.isUnavailable == true)
            #expect(try await store.schemaVersion() == current + 1)
            let half = try await store.query("SELECT to_regclass('half') IS NULL AS gone", "test")
            #expect(try RowReader(half[0], table: "test").bool("gone"), "the failed migration's first statement was rolled back")

            _ = try await store.query("INSERT INTO schema_migrations (version, applied_at) VALUES (999, now())", "test")
            let newer = await storageError { try await store.migrate() }
            #expect(newer?.isUnavailable == true)
            #expect(newer?.message.contains("999") == true)
            try await store.close()
        }
    }

    @Test("the decision index leaves out records that allow, and lookups of every other decision use it")
    func decisionIndex() async throws {
        try await withDatabase { (url) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil)
            try await store.migrate()
            for (n, decision) in ["allow", "block", "allow", "recipient_opted_out", "warn"].enumerated() {
                try await store.appendAudit(Sample.audit("aud_\(n)", decision: decision, at: n))
            }
            for decision in ["block", "recipient_opted_out", "allow"] {
                let records = try await store.audit(AuditFilter(decision: decision), page: Page())
                #expect(records.items.allSatisfy { $0.decision == decision } && !records.items.isEmpty, "\(decision)")
                #expect(try await store.audit(AuditFilter(decision: decision)).map(\.id) == records.items.map(\.id))
                // A generic plan (the value unknown to the planner), with sequential scans made
                // dear so that the index is chosen wherever it may be.
                let rows = try await store.transaction("test") { (t) async throws(StorageError) in
                    _ = try await t.query("SET LOCAL enable_seqscan = off")
                    _ = try await t.query("SET LOCAL plan_cache_mode = force_generic_plan")
                    _ = try await t.query(PostgresQuery(unsafeSQL: "PREPARE by_decision(text) AS SELECT * FROM audit WHERE "
                                                        + PostgresStore.auditDecision(decision, "$1") + " ORDER BY at DESC"))
                    let rows = try await t.query(PostgresQuery(unsafeSQL: "EXPLAIN EXECUTE by_decision('\(decision)')"))
                    _ = try await t.query("DEALLOCATE by_decision")
                    return rows
                }
                let plan = try rows.map { try $0.decode(String.self) }.joined(separator: "; ")
                #expect(plan.contains("audit_by_decision") == (decision != "allow"), "\(decision): \(plan)")
            }
            try await store.close()
        }
    }

    @Test("the consent ledger refuses UPDATE and DELETE in the database itself")
    func consentAppendOnly() async throws {
        try await withDatabase { (url) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil)
            try await store.migrate()
            try await store.appendConsent(Sample.consent("con_ev_1"))
            let update = await storageError { _ = try await store.query("UPDATE consent_events SET action = 'opt-in'", "test") }
            #expect(update?.isConflict == true)
            #expect(update?.message.contains("append-only") == true)
            let delete = await storageError { _ = try await store.query("DELETE FROM consent_events", "test") }
            #expect(delete?.isConflict == true)
            #expect(try await store.allConsentEvents() == [Sample.consent("con_ev_1")])
            try await store.close()
        }
    }

    @Test("two instances on one database: an opt-out through one is seen by the other; one idempotent request runs")
    func twoInstances() async throws {
        try await withDatabase { (url) async throws in
            let a = try await PostgresStore.open(url: url, logger: nil)
            let b = try await PostgresStore.open(url: url, logger: nil)
            try await a.migrate()
            try await b.migrate()
            try await a.appendConsent(Sample.consent("con_ev_1"))
            #expect(try await b.consentEvents(phone: "+12015550100", practiceNumber: "+12015550110").map(\.action) == ["opt-out"])
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (i, store) in [a, b, a, b].enumerated() {
                    group.addTask {
                        try await store.saveIdempotentResponse(
                            IdempotentResponse(caller: "key_1", key: "k", status: 200 + i, body: "{}", createdAt: Sample.t(i)))
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            // The same key sent to two instances at once: one runs it, the others see it in flight,
            // and after it completes every instance replays its answer.
            let outcomes = try await withThrowingTaskGroup(of: IdempotencyReservation.self) { group in
                for store in [a, b, a, b, a, b] {
                    group.addTask { try await store.reserveIdempotency(caller: "key_1", key: "send", requestHash: "h", at: Sample.t(0)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .reserved }.count == 1)
            #expect(outcomes.filter { $0 == .inFlight }.count == 5)
            let answer = IdempotentResponse(caller: "key_1", key: "send", status: 201, body: "{}", createdAt: Sample.t(1), requestHash: "h")
            #expect(try await b.completeIdempotency(answer))
            #expect(try await a.reserveIdempotency(caller: "key_1", key: "send", requestHash: "h", at: Sample.t(2)) == .completed(answer))
            try await a.close()
            try await b.close()
        }
    }

    @Test("an unreachable server is one clear .unavailable naming it, without the password")
    func unreachable() async throws {
        let error = await storageError {
            _ = try await PostgresStore.open(url: "postgres://textgate:hunter2@127.0.0.1:1/textgate?sslmode=disable", logger: nil)
        }
        #expect(error?.isUnavailable == true)
        #expect(error?.message.contains("textgate@127.0.0.1:1/textgate") == true, "\(String(describing: error))")
        #expect(error?.message.contains("hunter2") == false)
    }
}

@Suite("PostgreSQL URLs")
struct PostgresLocationTests {
    @Test("host, port, database, user, password and sslmode are read from the URL")
    func full() throws {
        let l = try PostgresLocation(url: "postgresql://app:s%40cret@db.example.com:6432/textgate?sslmode=verify-full", environment: [:])
        #expect(l.host == "db.example.com")
        #expect(l.port == 6432)
        #expect(l.database == "textgate")
        #expect(l.user == "app")
        #expect(l.password == "s@cret")
        #expect(l.sslMode == .verifyFull)
        #expect(l.description == "app@db.example.com:6432/textgate")
    }

    @Test("defaults: port 5432, the database named after the user, sslmode prefer, PGPASSWORD")
    func defaults() throws {
        let l = try PostgresLocation(url: "postgres://app@localhost", environment: ["PGPASSWORD": "pw"])
        #expect(l.port == 5432)
        #expect(l.database == "app")
        #expect(l.sslMode == .prefer)
        #expect(l.password == "pw")
    }

    @Test("a Unix socket directory in the host parameter")
    func socket() throws {
        let l = try PostgresLocation(url: "postgres://app@/textgate?host=/run/postgresql", environment: [:])
        #expect(l.host == nil)
        #expect(l.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(l.database == "textgate")
    }

    @Test("idle pooled connections are pinged only when keepalives_idle asks for it; a server keeps 20 open")
    func poolSettings() throws {
        let plain = try PostgresLocation(url: "postgres://app@db/textgate", environment: [:])
        #expect(plain.keepAliveSeconds == nil)
        let serving = try plain.clientConfiguration(pool: .serving).options
        #expect(serving.keepAliveBehavior == nil)
        #expect(serving.minimumConnections == 20 && serving.maximumConnections == 20)
        #expect(try plain.clientConfiguration(pool: .onDemand).options.minimumConnections == 0)
        let pinged = try PostgresLocation(url: "postgres://app@db/textgate?keepalives_idle=45", environment: [:])
        #expect(try pinged.clientConfiguration(pool: .serving).options.keepAliveBehavior?.frequency == .seconds(45))
    }

    @Test("mistakes are .unavailable saying what is wrong and never echo the password", arguments: [
        ("postgres://app:pw@db/textgate?sslmode=maybe", "unknown sslmode `maybe`"),
        ("postgres://app:pw@db/textgate?sslmod=require", "unknown parameter `sslmod`"),
        ("postgres://app:pw@db:99999/textgate", "out of range"),
        ("postgres://db/textgate", "no user name"),
        ("postgres://app:pw@/textgate", "no host"),
        ("postgres://app:pw@db/textgate?host=relative", "socket directory"),
        ("postgres://app:pw@db/textgate?keepalives_idle=0", "keepalives_idle `0` must be a number of seconds"),
        ("postgres://app:pw@db/textgate?keepalives_idle=soon", "keepalives_idle `soon`"),
    ])
    func mistakes(_ url: String, _ expected: String) {
        do {
            _ = try PostgresLocation(url: url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.isUnavailable)
            #expect(error.message.contains(expected), "\(error)")
            #expect(error.message.contains("postgres://user"), "shows the expected form: \(error)")
            #expect(!error.message.contains(":pw@"), "\(error)")
        }
    }

    @Test("only postgres:// and postgresql:// are URLs; anything else is an SQLite path")
    func isURL() {
        #expect(PostgresLocation.isURL("postgres://a@b/c"))
        #expect(PostgresLocation.isURL("POSTGRESQL://a@b/c"))
        #expect(!PostgresLocation.isURL("textgate.db"))
        #expect(!PostgresLocation.isURL("/var/lib/textgate/postgres.db"))
    }
}
