import Foundation
@testable import Storage
@testable import StorageSQLite
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite store's audit journal: records appended as new go to a file of the process first,
/// and reach the database in the background, at a read, at close, or at the next open after a crash.
@Suite("SQLite audit journal")
struct SQLiteAuditJournalTests {
    let files = SQLiteStoreTests()

    /// The journal files beside the database at `path`.
    func journals(_ path: String) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        return try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(url.lastPathComponent + AuditJournal.marker) }
    }

    func record(_ i: Int, findings: String = "[]") -> AuditRecord {
        AuditRecord(id: Identifier.make("aud"), action: "check", recipientId: nil, messageId: nil, decision: "allow",
                    rulesVersion: "r\(i)", findingsJSON: findings, caller: "key_1", at: Sample.t(i))
    }

    @Test("a frame reads back as written; a frame cut short at any byte is left out, and where it starts is told")
    func frames() {
        var full = record(1, findings: #"[{"match":"CBD ñ 🌿"}]"#)
        full.recipientId = "pat_1"; full.messageId = "msg_1"
        let other = record(2)
        let first = AuditJournal.frame(full), second = AuditJournal.frame(other)
        let read = AuditJournal.records(in: first + second)
        #expect(read.records == [full, other] && read.cutAt == nil)
        for cut in 0..<second.count {
            let torn = AuditJournal.records(in: first + second[0..<cut])
            #expect(torn.records == [full], "cut at \(cut)")
            #expect(torn.cutAt == (cut == 0 ? nil : first.count), "cut at \(cut)")
        }
        // A changed byte fails the checksum.
        var flipped = first
        flipped[first.count - 3] ^= 0x20
        #expect(AuditJournal.records(in: flipped).records.isEmpty)
    }

    @Test("journalled records reach the database in the background: another connection reads them without a read of this store")
    func movedInBackground() async throws {
        try await files.withStore { (store, path) async throws in
            let records = (0..<20).map { record($0) }
            for r in records { try await store.appendNewAudit(r) }
            #expect(try journals(path).count == 1, "one journal file while the process runs")
            let other = try await SQLiteStore.open(path: path, logger: nil)
            defer { Task { try? await other.close() } }
            let deadline = Date().addingTimeInterval(10)
            var seen: [AuditRecord] = []
            while seen.count < records.count && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
                seen = try await other.audit(AuditFilter(limit: 100))
            }
            #expect(seen == records.reversed())
            try await other.close()
        }
    }

    @Test("close moves the journal and deletes its files; a reopened store reads every record")
    func closeMoves() async throws {
        try await files.withDirectory { (directory) async throws in
            let path = directory.appendingPathComponent("db.sqlite").path
            let store = try await SQLiteStore.open(path: path, logger: nil)
            try await store.migrate()
            let records = (0..<50).map { record($0) }
            for r in records { try await store.appendNewAudit(r) }
            try await store.close()
            #expect(try journals(path) == [])
            let closed = await storageError { try await store.appendNewAudit(record(99)) }
            #expect(closed?.isUnavailable == true, "a closed store takes no record")
            #expect(try journals(path) == [])
            let again = try await SQLiteStore.open(path: path, logger: nil)
            try await again.migrate()
            #expect(try await again.audit(AuditFilter()) == records.reversed())
            try await again.close()
        }
    }

    @Test("journals left by a crashed process are moved at the next open, a cut-short last record skipped; a running process's file is left to it")
    func leftoversAfterCrash() async throws {
        try await files.withDirectory { (directory) async throws in
            let path = directory.appendingPathComponent("db.sqlite").path
            let kept = (0..<3).map { record($0) }, moved = record(9)
            // A stopped process's file: whole records, then one cut short.
            let crashed = path + AuditJournal.marker + "_0000000000010000000000001"
            let bytes = kept.flatMap(AuditJournal.frame) + AuditJournal.frame(record(4)).prefix(30)
            try Data(bytes).write(to: URL(fileURLWithPath: crashed))
            // Moved into the database once already, but not deleted: kept once.
            let twice = path + AuditJournal.marker + "_0000000000020000000000002"
            try Data(AuditJournal.frame(moved) + AuditJournal.frame(moved)).write(to: URL(fileURLWithPath: twice))
            // A running process's file, locked.
            let live = path + AuditJournal.marker + "_0000000000030000000000003"
            try Data(AuditJournal.frame(record(7))).write(to: URL(fileURLWithPath: live))
            let fd = open(live, O_RDWR)
            #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
            defer { close(fd) }

            let store = try await SQLiteStore.open(path: path, logger: nil)
            try await store.migrate()
            #expect(try await store.audit(AuditFilter()) == [moved] + kept.reversed())
            #expect(try journals(path) == [URL(fileURLWithPath: live).lastPathComponent], "the running process's file is untouched")
            try await store.close()
        }
    }

    @Test("while moves fail, records stay in at most two files and none is lost; the next move takes them all")
    func failingMoves() async throws {
        try await files.withStore { (store, path) async throws in
            // The audit table is away: every move fails.
            _ = try await store.query("ALTER TABLE audit RENAME TO audit_away", [], "hide the audit table")
            var records: [AuditRecord] = []
            for round in 0..<6 {
                for i in 0..<5 { records.append(record(round * 10 + i)); try await store.appendNewAudit(records.last!) }
                let error = await storageError { try await store.moveJournal() }
                #expect(error != nil, "round \(round): the move fails")
                let present = try journals(path)
                #expect(present.count <= 2, "round \(round): \(present)")
            }
            _ = try await store.query("ALTER TABLE audit_away RENAME TO audit", [], "bring the audit table back")
            #expect(try await store.audit(AuditFilter(limit: 1000)) == records.reversed())
            #expect(try journals(path).count <= 1)
        }
    }

    @Test("leftovers that cannot be moved are let go, so a later open in the same process moves them")
    func leftoversReleasedOnFailure() async throws {
        try await files.withStore { (store, path) async throws in
            let left = record(3)
            let crashed = path + AuditJournal.marker + "_0000000000010000000000001"
            try Data(AuditJournal.frame(left)).write(to: URL(fileURLWithPath: crashed))
            _ = try await store.query("ALTER TABLE audit RENAME TO audit_away", [], "hide the audit table")
            let second = try await SQLiteStore.open(path: path, logger: nil)
            let error = await storageError { try await second.migrate() }
            #expect(error != nil, "the leftover cannot be moved")
            _ = try await store.query("ALTER TABLE audit_away RENAME TO audit", [], "bring the audit table back")
            try await second.migrate()
            #expect(try await second.audit(AuditFilter()) == [left])
            #expect(try journals(path).isEmpty)
            try await second.close()
        }
    }

    @Test("a journal that cannot be made fails the append with .unavailable naming the file")
    func unwritable() async throws {
        try await files.withDirectory { (directory) async throws in
            let sub = directory.appendingPathComponent("gone")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let path = sub.appendingPathComponent("db.sqlite").path
            let store = try await SQLiteStore.open(path: path, logger: nil)
            try await store.migrate()
            // The database's directory is gone (as a full or lost disk would leave it): no journal file can be made.
            try FileManager.default.removeItem(at: sub)
            let error = await storageError { try await store.appendNewAudit(record(1)) }
            #expect(error?.isUnavailable == true)
            #expect(error?.message.contains(path + AuditJournal.marker) == true, "\(String(describing: error))")
            try? await store.close()
        }
    }
}
