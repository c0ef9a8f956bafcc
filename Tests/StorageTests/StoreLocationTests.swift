import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Stores
import Testing

/// Opening a store from a `--db` value, as every command does.
@Suite("--db values")
struct StoreLocationTests {
    @Test("a postgres:// or postgresql:// URL is PostgreSQL; anything else an SQLite path")
    func parse() throws {
        #expect(try StoreLocation("textgate.db") == .sqlite(path: "textgate.db"))
        #expect(try StoreLocation("/var/lib/textgate/postgres.db") == .sqlite(path: "/var/lib/textgate/postgres.db"))
        guard case .postgres(let location) = try StoreLocation("postgresql://app:pw@db:6432/gate?sslmode=require") else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(location.description == "app@db:6432/gate")
        #expect(try StoreLocation("postgres://app:pw@db/gate").display == "postgres://app@db:5432/gate", "no password shown")
    }

    @Test("each kind of value opens a migrated store of that kind", arguments: StoreFactory.all)
    func opens(_ factory: StoreFactory) async throws {
        try await factory.withHarness { (harness) async throws in
            let store = try await StoreLocation.open(harness.location)
            #expect(try await store.schemaVersion() > 0, "migrated on open")
            #expect(factory.name == "SQLite" ? store is SQLiteStore : store is PostgresStore)
            try await store.insertQueue(MessageQueue(name: "front-desk", number: nil, createdAt: Sample.t(0)))
            try await store.close()
            let again = try await StoreLocation.open(harness.location)
            #expect(try await again.queues().map(\.name) == ["front-desk"])
            try await again.close()
        }
    }

    @Test("a bad URL and an unreachable server are one .unavailable line saying what is wrong")
    func failures() async {
        let bad = await storageError { _ = try await StoreLocation.open("postgres://app@db/gate?sslmode=sometimes") }
        #expect(bad?.isUnavailable == true)
        #expect(bad?.message.contains("unknown sslmode `sometimes`") == true, "\(String(describing: bad))")
        let unreachable = await storageError { _ = try await StoreLocation.open("postgres://app:pw@127.0.0.1:1/gate?sslmode=disable") }
        #expect(unreachable?.isUnavailable == true)
        #expect(unreachable?.message.contains("cannot connect to PostgreSQL at app@127.0.0.1:1/gate") == true,
                "\(String(describing: unreachable))")
        for error in [bad, unreachable] { #expect(error?.message.contains("\n") == false) }
    }
}
