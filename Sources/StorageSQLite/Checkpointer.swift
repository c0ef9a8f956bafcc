import Logging
import SQLiteNIO

/// Copies the WAL back into the database file in the background, so that commits rarely do.
///
/// SQLite checkpoints inside the commit that takes the WAL past `wal_autocheckpoint` pages:
/// that commit, and every caller waiting on it, waits for the copy and its syncs (measured on
/// `/v1/check` under load: with them the 99th percentile was about twice what it was without).
/// Here a connection of its own runs a passive checkpoint, which never waits for or blocks the
/// writer, every `interval`. The writer keeps an automatic checkpoint at `writerPages` as a
/// backstop: under sustained writes the WAL is never wholly copied between two commits, so it
/// can only start again from its beginning after a checkpoint the writer runs, which then finds
/// almost every page already copied.
final class Checkpointer: Sendable {
    /// How often the background checkpoint runs.
    static let interval: Duration = .milliseconds(100)
    /// The writer's own automatic checkpoint, in pages of WAL (4 KiB each): the WAL's size
    /// under sustained writes.
    static let writerPages = 4000

    private let connection: SQLiteConnection
    private let task: Task<Void, Never>

    private init(connection: SQLiteConnection, task: Task<Void, Never>) {
        self.connection = connection
        self.task = task
    }

    /// Opens a connection to the database at `path` and starts checkpointing through it.
    static func start(path: String, logger: Logger) async throws -> Checkpointer {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            _ = try await connection.query("PRAGMA busy_timeout=5000", [])
        } catch {
            try? await connection.close()
            throw error
        }
        let task = Task {
            var failing = false
            while true {
                do { try await Task.sleep(for: interval) } catch { return }  // cancelled: closing
                do {
                    _ = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)", [])
                    failing = false
                } catch {
                    // Nothing is lost: the writer's own checkpoint still copies the WAL back.
                    if !failing {
                        logger.warning("background checkpoint failed; commits checkpoint instead",
                                       metadata: ["path": .string(path), "error": .string("\(error)")])
                    }
                    failing = true
                }
            }
        }
        return Checkpointer(connection: connection, task: task)
    }

    /// Stops checkpointing and closes the connection.
    func close() async throws {
        task.cancel()
        await task.value
        try await connection.close()
    }
}
