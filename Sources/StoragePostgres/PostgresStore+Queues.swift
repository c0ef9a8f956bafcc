import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds a queue. - Throws: `StorageError.conflict` when the name or number is taken.
    public func insertQueue(_ queue: MessageQueue) async throws(StorageError) {
        _ = try await query(
            "INSERT INTO queues (name, number, created_at) VALUES (\(queue.name), \(queue.number), \(Millisecond.date(queue.createdAt)))",
            "add queue \(queue.name) (name or number already taken)")
    }

    /// One queue by name.
    public func queue(name: String) async throws(StorageError) -> MessageQueue? {
        try await query("SELECT * FROM queues WHERE name = \(name)", "read queue").first.map(Self.queue)
    }

    /// The queue that owns a practice number.
    public func queue(number: String) async throws(StorageError) -> MessageQueue? {
        try await query("SELECT * FROM queues WHERE number = \(number)", "find queue by number").first.map(Self.queue)
    }

    /// All queues by name (byte order, as in SQLite).
    public func queues() async throws(StorageError) -> [MessageQueue] {
        try await query("SELECT * FROM queues ORDER BY name COLLATE \"C\"", "list queues").map(Self.queue)
    }

    static func queue(_ row: PostgresRow) throws(StorageError) -> MessageQueue {
        let r = RowReader(row, table: "queues")
        return MessageQueue(name: try r.string("name"), number: try r.optionalString("number"),
                            createdAt: try r.date("created_at"))
    }
}
