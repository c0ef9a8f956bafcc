import Foundation
import Storage
import StorageSQLite
import Testing

/// One empty database of some kind, which can be opened again after closing (a "restart").
struct StoreHarness: Sendable {
    /// Opens a store on this database; not migrated. Every call sees the same data.
    let open: @Sendable () async throws -> any TextgateStore
    /// Deletes the database.
    let destroy: @Sendable () async -> Void
}

/// A kind of store the conformance suite runs against. To add one (PostgreSQL), add a factory
/// that creates a fresh empty database, and list it in `all`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// Shown in test names.
    let name: String
    /// A fresh, empty database.
    let make: @Sendable () async throws -> StoreHarness

    var testDescription: String { name }

    /// Every store kind available in this environment.
    static let all: [StoreFactory] = [.sqlite]
}

extension StoreFactory {
    /// SQLite in a real file in a new directory under the system temp directory.
    static let sqlite = StoreFactory(name: "SQLite") {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("textgate.sqlite").path
        return StoreHarness(
            open: { try await SQLiteStore.open(path: path, logger: nil) },
            destroy: { try? FileManager.default.removeItem(at: directory) })
    }
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
