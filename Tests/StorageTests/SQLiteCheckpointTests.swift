import Foundation
import Storage
@testable import StorageSQLite
import Testing

/// The WAL copied back into the database file off the commit path.
@Suite("SQLite checkpoints")
struct SQLiteCheckpointTests {
    @Test("a commit reaches the database file itself in the background, with no checkpoint in a commit")
    func backgroundCheckpoint() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("textgate-checkpoint-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let store = try await SQLiteStore.open(path: path, logger: nil)
        do {
            try await store.migrate()
            // The writer checkpoints only past the backstop, far beyond these few pages.
            let pages = try await store.query("PRAGMA wal_autocheckpoint", [], "test").first?.columns.first?.data.integer
            #expect(pages == Checkpointer.writerPages)
            let marker = "checkpoint-marker-\(UUID().uuidString)"
            try await store.appendAudit(AuditRecord(id: marker, action: "check", recipientId: nil, messageId: nil, decision: "allow",
                                                    rulesVersion: "v", findingsJSON: "[]", caller: "", at: Date()))
            // A committed record is in the WAL at once; in the database file after a checkpoint.
            var inFile = false
            for _ in 0..<50 where !inFile {
                try await Task.sleep(for: .milliseconds(100))
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                inFile = bytes.range(of: Data(marker.utf8)) != nil
            }
            #expect(inFile, "the record was not copied into \(path) within 5 s")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
