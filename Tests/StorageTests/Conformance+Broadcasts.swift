import Foundation
import Storage
import Testing

extension StoreConformance {
    static func broadcast(_ id: String = "brd_1", at: Int = 0) -> Broadcast {
        Broadcast(id: id, caller: "key_1", kind: "sms", notify: ["sms"],
                  templates: ["en": "Hi {{firstName}}, flu shots are in.", "es": "Hola {{firstName}}, ya hay vacunas."],
                  queue: "front", scheduledAt: Sample.t(at), createdAt: Sample.t(0))
    }

    @Test("broadcasts: stored with one pending send per recipient, duplicates dropped, and read back", arguments: StoreFactory.all)
    func broadcastRoundTrip(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertBroadcast(Self.broadcast(), recipientIds: ["pat_1", "pat_2", "pat_1", "pat_3"])
            #expect(try await store.broadcast(id: "brd_1") == Self.broadcast())
            #expect(try await store.broadcast(id: "brd_none") == nil)
            #expect(try await store.broadcastCounts(id: "brd_1") == [.pending: 3])
            let sends = try await store.scheduledSends(parentId: "brd_1")
            #expect(sends.map(\.recipientId).sorted() == ["pat_1", "pat_2", "pat_3"])
            #expect(sends.allSatisfy { $0.state == .pending && $0.dueAt == Sample.t(0) && $0.source == .broadcast })
            let again = await storageError { try await store.insertBroadcast(Self.broadcast(), recipientIds: ["pat_9"]) }
            #expect(again?.isConflict == true)
            #expect(try await store.broadcastCounts(id: "brd_1") == [.pending: 3], "a refused duplicate adds no sends")
        }
    }

    @Test("broadcasts: due sends are claimed once, finished once, deferred, and counted by state", arguments: StoreFactory.all)
    func broadcastProgress(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertBroadcast(Self.broadcast(at: 10), recipientIds: ["pat_1", "pat_2", "pat_3", "pat_4"])
            #expect(try await store.claimDueSends(worker: "w1", limit: 10, lease: 30, now: Sample.t(9)).isEmpty, "not due yet")
            let first = try await store.claimDueSends(worker: "w1", limit: 2, lease: 30, now: Sample.t(10))
            #expect(first.count == 2)
            #expect(first.allSatisfy { $0.claimedBy == "w1" && $0.attempts == 1 && $0.leaseUntil == Sample.t(40) })
            let second = try await store.claimDueSends(worker: "w2", limit: 10, lease: 30, now: Sample.t(11))
            #expect(Set(second.map(\.id)).isDisjoint(with: first.map(\.id)) && second.count == 2)

            #expect(try await store.finishSend(id: first[0].id, state: .sent, reason: nil, messageId: "msg_a", at: Sample.t(12)))
            #expect(try await store.finishSend(id: first[0].id, state: .failed, reason: "again", messageId: nil, at: Sample.t(13)) == false,
                    "an outcome is recorded once")
            #expect(try await store.finishSend(id: first[1].id, state: .skipped, reason: "recipient_opted_out", messageId: nil, at: Sample.t(12)))
            #expect(try await store.deferSend(id: second[0].id, until: Sample.t(100), at: Sample.t(12)))
            // w2 crashed holding second[1]: it comes back when the lease runs out, with its attempt counted.
            #expect(try await store.claimDueSends(worker: "w3", limit: 10, lease: 30, now: Sample.t(40)).isEmpty)
            let back = try await store.claimDueSends(worker: "w3", limit: 10, lease: 30, now: Sample.t(41))
            #expect(back.map(\.id) == [second[1].id])
            #expect(back.first?.attempts == 2)
            #expect(try await store.finishSend(id: second[1].id, state: .failed, reason: "transport_failed", messageId: "msg_b", at: Sample.t(42)))
            let deferred = try await store.claimDueSends(worker: "w3", limit: 10, lease: 30, now: Sample.t(100))
            #expect(deferred.map(\.id) == [second[0].id])
            #expect(try await store.broadcastCounts(id: "brd_1") == [.sent: 1, .skipped: 1, .failed: 1, .pending: 1])

            let skipped = try await store.broadcastSends(id: "brd_1", state: .skipped, page: Page())
            #expect(skipped.items.map(\.reason) == ["recipient_opted_out"])
            #expect(try await store.scheduledSend(id: first[0].id)?.messageId == "msg_a")
        }
    }

    @Test("broadcasts: cancelling skips the pending sends and is done once", arguments: StoreFactory.all)
    func broadcastCancel(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertBroadcast(Self.broadcast(), recipientIds: ["pat_1", "pat_2", "pat_3"])
            let claimed = try await store.claimDueSends(worker: "w", limit: 1, lease: 30, now: Sample.t(1))
            #expect(try await store.finishSend(id: claimed[0].id, state: .sent, reason: nil, messageId: "msg_1", at: Sample.t(2)))
            #expect(try await store.cancelBroadcast(id: "brd_1", at: Sample.t(3)))
            #expect(try await store.cancelBroadcast(id: "brd_1", at: Sample.t(4)) == false)
            #expect(try await store.cancelBroadcast(id: "brd_none", at: Sample.t(4)) == false)
            #expect(try await store.broadcast(id: "brd_1")?.cancelledAt == Sample.t(3))
            #expect(try await store.broadcastCounts(id: "brd_1") == [.sent: 1, .skipped: 2])
            #expect(try await store.claimDueSends(worker: "w", limit: 10, lease: 30, now: Sample.t(100)).isEmpty)
        }
    }

    @Test("broadcasts: workers claiming at once never get the same recipient, and together get all", arguments: StoreFactory.all)
    func broadcastClaimRace(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertBroadcast(Self.broadcast(), recipientIds: (0..<40).map { "pat_\($0)" })
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for w in 0..<4 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let got = try await store.claimDueSends(worker: "w\(w)", limit: 3, lease: 60, now: Sample.t(1))
                            if got.isEmpty { return mine }
                            mine += got.map(\.recipientId)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 40, "no recipient twice")
            #expect(Set(claimed).count == 40)
        }
    }

    @Test("broadcasts: sends page by (creation, id) and the outbox items of a message are found", arguments: StoreFactory.all)
    func broadcastPaging(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertBroadcast(Self.broadcast(), recipientIds: (0..<5).map { "pat_\($0)" })
            let one = try await store.broadcastSends(id: "brd_1", state: nil, page: Page(limit: 3))
            let two = try await store.broadcastSends(id: "brd_1", state: nil, page: Page(limit: 3, after: one.next))
            #expect(one.items.count == 3 && two.items.count == 2 && two.next == nil)
            #expect(Set((one.items + two.items).map(\.recipientId)).count == 5)
            try await store.insertMessage(Sample.message("msg_1"))
            try await store.insertOutbox(Sample.outbox("out_1", message: "msg_1"))
            #expect(try await store.outboxItems(messageId: "msg_1").map(\.id) == ["out_1"])
            #expect(try await store.outboxItems(messageId: "msg_2").isEmpty)
        }
    }
}
