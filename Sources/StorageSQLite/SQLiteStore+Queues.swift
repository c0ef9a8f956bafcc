import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds a queue. - Throws: `StorageError.conflict` when the name or number is taken.
    public func insertQueue(_ queue: MessageQueue) async throws(StorageError) {
        _ = try await query(
            "INSERT INTO queues (name, number, created_at) VALUES (?, ?, ?)",
            [Bind.text(queue.name), Bind.text(queue.number), Bind.date(queue.createdAt)],
            "add queue \(queue.name) (name or number already taken)")
    }

    /// One queue by name.
    public func queue(name: String) async throws(StorageError) -> MessageQueue? {
        try await read("SELECT * FROM queues WHERE name = ?", [Bind.text(name)], "read queue").first.map(Self.queue)
    }

    /// The queue that owns a practice number.
    public func queue(number: String) async throws(StorageError) -> MessageQueue? {
        try await read("SELECT * FROM queues WHERE number = ?", [Bind.text(number)], "find queue by number")
            .first.map(Self.queue)
    }

    /// All queues by name.
    public func queues() async throws(StorageError) -> [MessageQueue] {
        try await query("SELECT * FROM queues ORDER BY name", [], "list queues").map(Self.queue)
    }

    static func queue(_ row: some StoreRow) throws(StorageError) -> MessageQueue {
        let r = RowReader(row: row, table: "queues")
        return MessageQueue(name: try r.string("name"), number: try r.optionalString("number"),
                            createdAt: try r.date("created_at"))
    }
}
