import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// One empty database of some kind, which can be opened again after closing (a "restart").
struct StoreHarness: Sendable {
    /// What `--db` would say: the SQLite file's path or the PostgreSQL URL.
    let location: String
    /// Opens a store on this database; not migrated. Every call sees the same data.
    let open: @Sendable () async throws -> any TextgateStore
    /// Deletes the database.
    let destroy: @Sendable () async -> Void
}

/// A kind of store the conformance suite runs against: a factory that creates a fresh empty
/// database, listed in `all`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// Shown in test names.
    let name: String
    /// A fresh, empty database.
    let make: @Sendable () async throws -> StoreHarness

    var testDescription: String { name }

    /// Every store kind: SQLite always, PostgreSQL when it is installed, and always under
    /// `CI=true`, where a missing PostgreSQL fails the tests instead of skipping them.
    static let all: [StoreFactory] = {
        if let missing = TestPostgres.missing, !TestPostgres.required {
            FileHandle.standardError.write(Data("note: skipping the PostgreSQL store tests: \(missing)\n".utf8))
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()
}

extension StoreFactory {
    /// SQLite in a real file in a new directory under the system temp directory.
    static let sqlite = StoreFactory(name: "SQLite") {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("textgate.sqlite").path
        return StoreHarness(
            location: path,
            open: { try await SQLiteStore.open(path: path, logger: nil) },
            destroy: { try? FileManager.default.removeItem(at: directory) })
    }
}

extension StoreFactory {
    /// A new database in the test run's PostgreSQL cluster (see `TestPostgres`), dropped after.
    static let postgres = StoreFactory(name: "PostgreSQL") {
        let cluster = try await TestPostgres.shared.value
        let database = try await cluster.createDatabase()
        return StoreHarness(
            location: database.url,
            open: { try await PostgresStore.open(url: database.url, logger: nil) },
            destroy: { await cluster.dropDatabase(database.name) })
    }
}

extension StoreFactory {
    /// A new database in the test run's PostgreSQL cluster, opened as `serve` opens it with
    /// `audit.journal` set: records of checks go to a journal in a new directory first.
    static let postgresJournalled = StoreFactory(name: "PostgreSQL with an audit journal") {
        let cluster = try await TestPostgres.shared.value
        let database = try await cluster.createDatabase()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-journal-tests-\(UUID().uuidString)", isDirectory: true)
        return StoreHarness(
            location: database.url,
            open: { try await PostgresStore.open(url: database.url, logger: nil, auditJournal: directory.path) },
            destroy: {
                await cluster.dropDatabase(database.name)
                try? FileManager.default.removeItem(at: directory)
            })
    }

    /// Every store kind, and PostgreSQL with an audit journal too when PostgreSQL is in `all`.
    static let withJournals: [StoreFactory] = all + (all.contains { $0.name == postgres.name } ? [postgresJournalled] : [])
}

extension StoreFactory {
    /// Runs `body` with a fresh migrated store, then closes and destroys it (also on failure).
    func withStore(_ body: (any TextgateStore) async throws -> Void) async throws {
        try await withHarness { (harness) async throws in
            let store = try await harness.open()
            do {
                try await store.migrate()
                try await body(store)
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }

    /// Runs `body` with a fresh database it opens itself, then destroys it (also on failure).
    func withHarness(_ body: (StoreHarness) async throws -> Void) async throws {
        let harness = try await make()
        do {
            try await body(harness)
        } catch {
            await harness.destroy()
            throw error
        }
        await harness.destroy()
    }
}

/// The storage error `body` throws, or nil when it throws none (or another kind).
func storageError(_ body: () async throws -> Void) async -> StorageError? {
    do {
        try await body()
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

extension StorageError {
    /// Whether this is a `.conflict`.
    var isConflict: Bool { if case .conflict = self { true } else { false } }
    /// Whether this is an `.unavailable`.
    var isUnavailable: Bool { if case .unavailable = self { true } else { false } }
    /// Whether this is a `.corrupt`.
    var isCorrupt: Bool { if case .corrupt = self { true } else { false } }
    /// The message, whatever the case.
    var message: String {
        switch self {
        case .conflict(let s), .unavailable(let s), .corrupt(let s): s
        }
    }
}
