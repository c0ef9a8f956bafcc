import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("outbox: pending oldest first, acknowledged only once", arguments: StoreFactory.all)
    func outbox(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_1"))
            let second = Sample.outbox("out_2", at: 20)
            let first = Sample.outbox("out_1", at: 10)
            var email = Sample.outbox("out_3", at: 30)
            email.channel = "email"; email.to = "ada@example.com"; email.from = "clinic@example.com"
            for item in [second, first, email] { try await store.insertOutbox(item) }

            #expect(try await store.outbox(includeAcked: false) == [first, second, email])
            #expect(try await store.ackOutbox(id: "out_1", at: Sample.t(40)))
            #expect(try await store.ackOutbox(id: "out_1", at: Sample.t(50)) == false, "already acknowledged")
            #expect(try await store.ackOutbox(id: "out_404", at: Sample.t(50)) == false, "unknown")

            #expect(try await store.outbox(includeAcked: false) == [second, email])
            var acked = first
            acked.ackedAt = Sample.t(40)  // the first acknowledgement is kept
            #expect(try await store.outbox(includeAcked: true) == [acked, second, email])

            let duplicate = await storageError { try await store.insertOutbox(second) }
            #expect(duplicate?.isConflict == true)
        }
    }

    @Test("outbox: concurrent acknowledgements of one item, exactly one succeeds", arguments: StoreFactory.all)
    func outboxAckRace(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_1"))
            try await store.insertOutbox(Sample.outbox("out_1"))
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<16 { group.addTask { try await store.ackOutbox(id: "out_1", at: Sample.t(i)) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await store.outbox(includeAcked: false) == [])
        }
    }

    @Test("outbox: an item for a message that is not stored is a conflict", arguments: StoreFactory.all)
    func outboxNeedsMessage(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let error = await storageError { try await store.insertOutbox(Sample.outbox("out_1", message: "msg_404")) }
            #expect(error?.isConflict == true)
            #expect(try await store.outbox(includeAcked: true) == [])
        }
    }
}
