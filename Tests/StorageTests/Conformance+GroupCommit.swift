import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("audit group commit: many concurrent appends all land; a duplicate fails only its own caller",
          arguments: StoreFactory.all)
    func auditGroupCommit(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.appendAudit(Sample.audit("aud_dup", at: 0))
            let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for i in 0..<200 {
                    let id = i == 100 ? "aud_dup" : "aud_\(i)"
                    group.addTask {
                        do {
                            try await store.appendAudit(Sample.audit(id, at: i))
                            return (id, true)
                        } catch let error as StorageError {
                            #expect(error.isConflict, "\(error)")
                            return (id, false)
                        }
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0, default: []].append($1.1) }
            }
            #expect(outcomes["aud_dup"] == [false], "only the duplicate fails")
            #expect(outcomes.filter { $0.key != "aud_dup" }.allSatisfy { $0.value == [true] })
            let stored = try await store.audit(AuditFilter(limit: 1000))
            #expect(stored.count == 200)
            #expect(Set(stored.map(\.id)) == Set((0..<200).filter { $0 != 100 }.map { "aud_\($0)" } + ["aud_dup"]))
        }
    }
}

extension StoreConformance {
    @Test("durable writes at once: every message lands, a duplicate id fails only its own caller, one reservation per key",
          arguments: StoreFactory.all)
    func durableWritesTogether(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_dup"))
            let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for i in 0..<120 {
                    let id = i == 60 ? "msg_dup" : "msg_\(i)"
                    group.addTask {
                        do {
                            try await store.insertMessage(Sample.message(id, at: i))
                            return (id, true)
                        } catch let error as StorageError {
                            #expect(error.isConflict, "\(error)")
                            return (id, false)
                        }
                    }
                }
                // The same key from 8 requests at once: exactly one holds it.
                for i in 0..<8 {
                    group.addTask {
                        let taken = try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(i))
                        return ("reserve", taken == .reserved)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0, default: []].append($1.1) }
            }
            #expect(outcomes["msg_dup"] == [false], "only the duplicate fails")
            #expect(outcomes.filter { $0.key.hasPrefix("msg_") && $0.key != "msg_dup" }.allSatisfy { $0.value == [true] })
            #expect(outcomes["reserve"]?.filter { $0 }.count == 1, "\(outcomes["reserve"] ?? [])")
            for i in [0, 59, 61, 119] { #expect(try await store.message(id: "msg_\(i)") != nil) }
            #expect(try await store.message(id: "msg_60") == nil)
        }
    }
}

@Suite("Group commit")
struct GroupCommitTests {
    /// Records the batches it is asked to write.
    actor Recorder {
        var batches: [[Int]] = []
        func record(_ batch: [Int]) { batches.append(batch) }
    }

    @Test("concurrent items are written in fewer batches than items, each at most maxBatch, none lost")
    func batches() async throws {
        let commit = GroupCommit<Int>(maxBatch: 16)
        let recorder = Recorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<100 {
                group.addTask {
                    try await commit.submit(i) { (batch) async throws(StorageError) in
                        await recorder.record(batch)
                        try? await Task.sleep(for: .milliseconds(2))
                    }
                }
            }
            try await group.waitForAll()
        }
        let batches = await recorder.batches
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<100))
        #expect(batches.count < 100, "\(batches.count) batches")
        #expect(batches.allSatisfy { $0.count <= 16 })
    }
}
