import Foundation
@testable import Storage
@testable import StoragePostgres
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL store opened with a journal directory: records appended as new go to a file
/// of the process first, and reach the database in the background, at a read through this
/// store, at close, or at the next start on the same directory after a crash.
@Suite("PostgreSQL audit journal")
struct PostgresAuditJournalTests {
    let postgres = PostgresStoreTests()

    /// Runs `body` with a new database's URL and a new journal directory.
    func withJournal(_ body: (String, String) async throws -> Void) async throws {
        try await SQLiteStoreTests().withDirectory { (directory) async throws in
            try await postgres.withDatabase { (url) async throws in try await body(url, directory.appendingPathComponent("journal").path) }
        }
    }

    /// The names of the journal files in `directory`.
    func journals(_ directory: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(AuditJournal.marker) })
    }

    func record(_ i: Int) -> AuditRecord {
        AuditRecord(id: Identifier.make("aud"), action: "check", recipientId: nil, messageId: nil, decision: "allow",
                    rulesVersion: "r\(i)", findingsJSON: "[]", caller: "key_1", at: Sample.t(i))
    }

    @Test("journalled records are read at once through their store, reach the database for other instances in the background, and close moves the rest")
    func movedInBackground() async throws {
        try await withJournal { (url, directory) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil, auditJournal: directory)
            try await store.migrate()
            let other = try await PostgresStore.open(url: url, logger: nil)
            var records = (0..<20).map { record($0) }
            for r in records { try await store.appendNewAudit(r) }
            #expect(try journals(directory).count == 1, "one journal file while the process runs")
            let deadline = Date().addingTimeInterval(10)
            var seen: [AuditRecord] = []
            while seen.count < records.count && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
                seen = try await other.audit(AuditFilter(limit: 100))
            }
            #expect(seen == records.reversed(), "another instance reads them without a read of this store")

            let more = (20..<25).map { record($0) }
            for r in more { try await store.appendNewAudit(r) }
            records += more
            #expect(try await store.audit(AuditFilter(limit: 100)) == records.reversed(), "a read through the store moves its journal first")
            for r in (25..<30).map({ record($0) }) { try await store.appendNewAudit(r); records.append(r) }
            try await store.close()
            #expect(try journals(directory).isEmpty, "close moves the journal and deletes its files")
            #expect(try await other.audit(AuditFilter(limit: 100)) == records.reversed())
            let closed = await storageError { try await store.appendNewAudit(record(99)) }
            #expect(closed?.isUnavailable == true, "a closed store takes no record")
            try await other.close()
        }
    }

    @Test("journals left by a stopped process are moved at the next migrate, a cut-short record skipped; a running process's file and another database's are left alone")
    func leftoversAfterCrash() async throws {
        try await withJournal { (url, directory) async throws in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let location = try PostgresLocation(url: url)
            let prefix = try PostgresStore.journalPrefix(in: directory, for: location)
            var elsewhere = location
            elsewhere.database += "_other"
            let otherPrefix = try PostgresStore.journalPrefix(in: directory, for: elsewhere)
            #expect(prefix != otherPrefix)

            let kept = (0..<3).map { record($0) }, moved = record(9)
            // A stopped process's file: whole records, then one cut short.
            try Data(kept.flatMap(AuditJournal.frame) + AuditJournal.frame(record(4)).prefix(30))
                .write(to: URL(fileURLWithPath: prefix + AuditJournal.marker + "_0000000000010000000000001"))
            // Moved into the database once already, but not deleted: kept once.
            try Data(AuditJournal.frame(moved) + AuditJournal.frame(moved))
                .write(to: URL(fileURLWithPath: prefix + AuditJournal.marker + "_0000000000020000000000002"))
            // A running process's file, locked.
            let live = prefix + AuditJournal.marker + "_0000000000030000000000003"
            try Data(AuditJournal.frame(record(7))).write(to: URL(fileURLWithPath: live))
            let fd = open(live, O_RDWR)
            #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
            defer { close(fd) }
            // A stopped process's file for another database.
            let foreign = otherPrefix + AuditJournal.marker + "_0000000000040000000000004"
            try Data(AuditJournal.frame(record(8))).write(to: URL(fileURLWithPath: foreign))

            let store = try await PostgresStore.open(url: url, logger: nil, auditJournal: directory)
            try await store.migrate()
            #expect(try await store.audit(AuditFilter()) == [moved] + kept.reversed())
            let left = [live, foreign].map { URL(fileURLWithPath: $0).lastPathComponent }
            #expect(try journals(directory) == Set(left), "the running process's file and the other database's are untouched")
            try await store.close()
        }
    }

    @Test("journalled records reach the database as written: tabs, line ends, backslashes and quotes in their texts, none for a recipient, times before 1970 and before the year 1")
    func movedAsWritten() async throws {
        try await withJournal { (url, directory) async throws in
            let store = try await PostgresStore.open(url: url, logger: nil, auditJournal: directory)
            try await store.migrate()
            // Escapes between runs of plain bytes, side by side, and first and last (the caller).
            let texts = "a\tb\\N \\ \"q\" \n\r\n ñ 😀 \u{7F}"
            let times = [1_750_000_000_123, -86_400_500, -2_208_988_800_999, -62_135_596_800_000, 253_402_300_799_999]
                .map { (ms: Int64) in Date(timeIntervalSince1970: Double(ms) / 1000) }
            let written = times.enumerated().map { i, at in
                AuditRecord(id: Identifier.make("aud"), action: "check" + texts, recipientId: i == 0 ? nil : "rcp_\\\(i)",
                            messageId: i == 1 ? texts : nil, decision: "allow", rulesVersion: texts,
                            findingsJSON: "[{\"match\":\"\\t\(texts)\"}]", caller: "\tkey_\t\t1\\", at: at)
            }
            for r in written { try await store.appendNewAudit(r) }
            let read = try await store.audit(AuditFilter(limit: 100))
            #expect(Set(read.map(\.id)) == Set(written.map(\.id)))
            for r in written { #expect(read.first { $0.id == r.id } == r) }
            // Before the year 1 the rows are not copied but inserted one statement a batch.
            let older = AuditRecord(id: Identifier.make("aud"), action: "check", recipientId: nil, messageId: nil,
                                    decision: "block", rulesVersion: "r", findingsJSON: "[]", caller: "key_1",
                                    at: Date(timeIntervalSince1970: Double(-62_135_596_800_001 as Int64) / 1000))
            try await store.appendNewAudit(older)
            #expect(try await store.audit(AuditFilter(limit: 100)).contains(older))
            try await store.close()
        }
    }

    @Test("a journal directory that cannot be made fails the open with .unavailable naming it")
    func unusableDirectory() async throws {
        try await withJournal { (url, directory) async throws in
            // A file where the directory should be.
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory))
            let error = await storageError { _ = try await PostgresStore.open(url: url, logger: nil, auditJournal: directory + "/sub") }
            #expect(error?.isUnavailable == true)
            #expect(error?.message.contains(directory + "/sub") == true, "\(String(describing: error))")
        }
    }
}
