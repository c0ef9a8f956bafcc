import Storage
import StoragePostgres
import StorageSQLite

/// What a `--db` value names: a PostgreSQL database (`postgres://` or `postgresql://` URL) or,
/// for anything else, an SQLite file (created when missing).
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Whether `db` names a PostgreSQL database rather than an SQLite file.
    public static func isPostgres(_ db: String) -> Bool {
        PostgresLocation.isURL(db)
    }

    /// Parses a `--db` value. - Throws: `StorageError.unavailable` for a malformed PostgreSQL URL.
    public init(_ db: String) throws(StorageError) {
        self = PostgresLocation.isURL(db) ? .postgres(try PostgresLocation(url: db)) : .sqlite(path: db)
    }

    /// The location for people: the path, or the URL's parts without the password.
    public var display: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): "postgres://\(location)"
        }
    }

    /// `db` for people: the path, or the URL without its password.
    public static func displayName(_ db: String) -> String {
        (try? StoreLocation(db))?.display ?? (isPostgres(db) ? "(an invalid PostgreSQL URL)" : db)
    }

    /// Opens and migrates the store `db` names; `serving`, for a server (a PostgreSQL pool keeps
    /// its connections open, see ``PostgresPool``). `auditJournal` is a directory for a
    /// PostgreSQL store's audit journal (see `PostgresStore`); an SQLite store keeps its journal
    /// beside its file.
    /// - Throws: `StorageError.unavailable` naming what is wrong with the URL, the server, the
    ///   file or the journal directory.
    public static func open(_ db: String, serving: Bool = false, auditJournal: String? = nil) async throws(StorageError) -> any TextgateStore {
        let store: any TextgateStore = switch try StoreLocation(db) {
        case .sqlite(let path): try await SQLiteStore.open(path: path, logger: nil)
        case .postgres(let location):
            try await PostgresStore.open(location: location, logger: nil, pool: serving ? .serving : .onDemand,
                                         auditJournal: auditJournal)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }
}
