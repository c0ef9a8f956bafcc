import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("queues: by name, by number, listed by name", arguments: StoreFactory.all)
    func queues(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let scheduling = MessageQueue(name: "scheduling", number: "+12015550111", createdAt: Sample.t(1))
            let billing = MessageQueue(name: "billing", number: nil, createdAt: Sample.t(2))
            let records = MessageQueue(name: "records", number: nil, createdAt: Sample.t(3))
            for q in [scheduling, records, billing] { try await store.insertQueue(q) }

            #expect(try await store.queue(name: "billing") == billing)
            #expect(try await store.queue(name: "nope") == nil)
            #expect(try await store.queue(number: "+12015550111") == scheduling)
            #expect(try await store.queue(number: "+12015550119") == nil)
            #expect(try await store.queues() == [billing, records, scheduling])
        }
    }

    @Test("queues: a taken name or number is a conflict; many queues may have no number", arguments: StoreFactory.all)
    func queueConflicts(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertQueue(MessageQueue(name: "a", number: "+12015550111", createdAt: Sample.t(0)))
            try await store.insertQueue(MessageQueue(name: "b", number: nil, createdAt: Sample.t(0)))
            try await store.insertQueue(MessageQueue(name: "c", number: nil, createdAt: Sample.t(0)))

            let name = await storageError {
                try await store.insertQueue(MessageQueue(name: "a", number: "+12015550112", createdAt: Sample.t(1)))
            }
            #expect(name?.isConflict == true)
            let number = await storageError {
                try await store.insertQueue(MessageQueue(name: "d", number: "+12015550111", createdAt: Sample.t(1)))
            }
            #expect(number?.isConflict == true)
            #expect(try await store.queues().map(\.name) == ["a", "b", "c"])
        }
    }
}
