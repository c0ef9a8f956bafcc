import Storage
import Stores

extension StoreLocation {
    /// Opens and migrates the store `--db` names for a command, or prints one line saying why not
    /// and exits: 2 for a bad PostgreSQL URL or a server that cannot be used, 3 for an SQLite file
    /// that cannot be opened.
    static func openForCommand(_ db: String) async throws -> any TextgateStore {
        do {
            return try await open(db)
        } catch {
            Console.error("textgate: \(error)")
            throw (isPostgres(db) ? ExitStatus.usage : ExitStatus.unreadableInput).code
        }
    }
}
