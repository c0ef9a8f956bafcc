import Foundation
import Storage
import Testing

extension StoreConformance {
    /// Milliseconds from `Sample.t(100)`.
    static func after100(_ date: Date) -> Int {
        Int(((date.timeIntervalSince1970 - Sample.t(100).timeIntervalSince1970) * 1000).rounded())
    }

    @Test("pacing slots: each reservation of a number gets the next free moment; numbers and pauses are apart",
          arguments: StoreFactory.all)
    func pacingSlots(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            var slots: [Date] = []
            for _ in 0..<4 { slots.append(try await store.reservePacingSlot(number: "+12015550111", interval: 0.25, now: Sample.t(100))) }
            #expect(slots.map(Self.after100) == [0, 250, 500, 750])
            #expect(try await store.reservePacingSlot(number: "+12015550112", interval: 0.25, now: Sample.t(100)) == Sample.t(100),
                    "another number has its own slots")
            #expect(try await store.reservePacingSlot(number: "+12015550111", interval: 0.25, now: Sample.t(160)) == Sample.t(160),
                    "after a pause the number sends at once")
            let next = try await store.reservePacingSlot(number: "+12015550111", interval: 0.25, now: Sample.t(160))
            #expect(Self.after100(next) == 60_250)
        }
    }

    @Test("pacing slots: two stores on one database reserving at once never get the same moment",
          arguments: StoreFactory.all)
    func pacingSlotsAcrossStores(_ factory: StoreFactory) async throws {
        try await factory.withHarness { (harness) async throws in
            let first = try await harness.open()
            try await first.migrate()
            let second = try await harness.open()
            do {
                let stores = [first, second]
                let slots = try await withThrowingTaskGroup(of: [Date].self) { group in
                    for s in 0..<2 {
                        for _ in 0..<3 {
                            group.addTask {
                                var mine: [Date] = []
                                for _ in 0..<10 {
                                    mine.append(try await stores[s].reservePacingSlot(number: "+12015550111", interval: 1, now: Sample.t(100)))
                                }
                                return mine
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(slots.map(Self.after100).sorted() == (0..<60).map { $0 * 1000 }, "sixty reservations, one second apart")
            } catch {
                try? await first.close()
                try? await second.close()
                throw error
            }
            try await first.close()
            try await second.close()
        }
    }

    @Test("outbox: whether an item was already paced by its sender is kept", arguments: StoreFactory.all)
    func outboxPaced(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 1)
            var paced = Sample.outbox("out_paced", at: 5)
            paced.paced = true
            try await store.insertOutbox(paced)
            let items = try await store.outbox(includeAcked: false)
            #expect(items.map(\.id) == ["out_0", "out_paced"])
            #expect(items.map(\.paced) == [false, true])
            #expect(try await store.claimOutbox(collector: "a", limit: 2, lease: 30, now: Sample.t(100)).map(\.paced) == [false, true])
        }
    }

    @Test("outbox claims: only the holder renews a claim, and not once the item is acknowledged or claimed by another",
          arguments: StoreFactory.all)
    func outboxClaimRenewal(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 1)
            #expect(try await store.claimOutbox(collector: "a", limit: 1, lease: 30, now: Sample.t(100)).count == 1)
            #expect(try await store.renewOutboxClaim(id: "out_0", collector: "b", lease: 30, now: Sample.t(110)) == false)
            #expect(try await store.renewOutboxClaim(id: "out_0", collector: "a", lease: 30, now: Sample.t(120)))
            #expect(try await store.claimOutbox(collector: "b", limit: 1, lease: 30, now: Sample.t(140)).isEmpty,
                    "renewed to 150: still held")
            let taken = try await store.claimOutbox(collector: "b", limit: 1, lease: 30, now: Sample.t(150))
            #expect(taken.map(\.id) == ["out_0"])
            #expect(try await store.renewOutboxClaim(id: "out_0", collector: "a", lease: 30, now: Sample.t(151)) == false,
                    "a lost claim is not renewed")
            #expect(try await store.ackOutbox(id: "out_0", at: Sample.t(152)))
            #expect(try await store.renewOutboxClaim(id: "out_0", collector: "b", lease: 30, now: Sample.t(153)) == false)
            #expect(try await store.renewOutboxClaim(id: "out_missing", collector: "b", lease: 30, now: Sample.t(153)) == false)
        }
    }
}
