import Storage
import StoragePostgres
import StorageSQLite

/// What a `--db` value names: a PostgreSQL database (`postgres://` or `postgresql://` URL) or,
/// for anything else, an SQLite file (created when missing).
enum StoreLocation: Sendable, Equatable {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Parses a `--db` value. - Throws: `StorageError.unavailable` for a malformed PostgreSQL URL.
    init(_ db: String) throws(StorageError) {
        self = PostgresLocation.isURL(db) ? .postgres(try PostgresLocation(url: db)) : .sqlite(path: db)
    }

    /// The location for people: the path, or the URL's parts without the password.
    var display: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): "postgres://\(location)"
        }
    }

    /// Opens and migrates the store `db` names.
    /// - Throws: `StorageError.unavailable` naming what is wrong with the URL, the server or the file.
    static func open(_ db: String) async throws(StorageError) -> any TextgateStore {
        let store: any TextgateStore = switch try StoreLocation(db) {
        case .sqlite(let path): try await SQLiteStore.open(path: path, logger: nil)
        case .postgres(let location): try await PostgresStore.open(location: location, logger: nil)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// Opens and migrates the store for a command, or prints one line saying why not and exits:
    /// 2 for a bad PostgreSQL URL or a server that cannot be used, 3 for an SQLite file that
    /// cannot be opened.
    static func openForCommand(_ db: String) async throws -> any TextgateStore {
        do {
            return try await open(db)
        } catch {
            Console.error("textgate: \(error)")
            throw (PostgresLocation.isURL(db) ? ExitStatus.usage : ExitStatus.unreadableInput).code
        }
    }
}
