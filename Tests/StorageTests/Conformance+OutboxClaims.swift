import Foundation
import Storage
import Testing

extension StoreConformance {
    /// Stores message `msg_1` and `count` outbox items `out_0`… created one second apart.
    func fillOutbox(_ store: any TextgateStore, count: Int) async throws {
        try await store.insertMessage(Sample.message("msg_1"))
        for i in 0..<count { try await store.insertOutbox(Sample.outbox("out_\(i)", at: i)) }
    }

    @Test("outbox claims: a claimed item is held by one collector until acknowledged or its lease runs out",
          arguments: StoreFactory.all)
    func outboxClaims(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 3)
            let a = try await store.claimOutbox(collector: "a", limit: 2, lease: 30, now: Sample.t(100))
            #expect(a.map(\.id) == ["out_0", "out_1"])
            #expect(a.allSatisfy { $0.claimedBy == "a" && $0.leaseUntil == Sample.t(130) })
            let b = try await store.claimOutbox(collector: "b", limit: 5, lease: 30, now: Sample.t(101))
            #expect(b.map(\.id) == ["out_2"], "only what nobody holds")
            #expect(try await store.claimOutbox(collector: "b", limit: 5, lease: 30, now: Sample.t(129)).isEmpty)

            #expect(try await store.ackOutbox(id: "out_0", at: Sample.t(110)))
            // a crashed: at the end of its lease its unacknowledged item comes back; acknowledged ones never do.
            let back = try await store.claimOutbox(collector: "b", limit: 5, lease: 30, now: Sample.t(130))
            #expect(back.map(\.id) == ["out_1"])
            #expect(back.first?.claimedBy == "b")
            #expect(try await store.claimOutbox(collector: "c", limit: 0, lease: 30, now: Sample.t(500)).isEmpty)
        }
    }

    @Test("outbox claims: only the holder acknowledges a claimed item while its lease runs", arguments: StoreFactory.all)
    func outboxAckByHolder(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 3)
            _ = try await store.claimOutbox(collector: "a", limit: 2, lease: 30, now: Sample.t(100))
            #expect(try await store.acknowledgeOutbox(id: "out_0", collector: "b", at: Sample.t(110)) == .heldByAnother(until: Sample.t(130)))
            #expect(try await store.acknowledgeOutbox(id: "out_0", collector: "a", at: Sample.t(111)) == .acknowledged)
            #expect(try await store.acknowledgeOutbox(id: "out_0", collector: "a", at: Sample.t(112)) == .alreadyAcknowledged)
            // Past the lease anyone may, as anyone may claim it again; an unclaimed item too.
            #expect(try await store.acknowledgeOutbox(id: "out_1", collector: "b", at: Sample.t(130)) == .acknowledged)
            #expect(try await store.acknowledgeOutbox(id: "out_2", collector: "b", at: Sample.t(131)) == .acknowledged)
            #expect(try await store.acknowledgeOutbox(id: "out_404", collector: "b", at: Sample.t(131)) == .unknown)
            #expect(try await store.outbox(includeAcked: true).allSatisfy { $0.sealedBody == nil })
        }
    }

    @Test("outbox claims: collectors claiming at once never get the same item, and together get all",
          arguments: StoreFactory.all)
    func outboxClaimRace(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 30)
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for c in 0..<5 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let got = try await store.claimOutbox(collector: "c\(c)", limit: 3, lease: 60, now: Sample.t(100))
                            if got.isEmpty { return mine }
                            mine += got.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 30, "no item twice")
            #expect(Set(claimed) == Set((0..<30).map { "out_\($0)" }))
        }
    }

    @Test("outbox: the sealed body is kept until acknowledgement erases it", arguments: StoreFactory.all)
    func outboxSealedBody(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_1"))
            var item = Sample.outbox("out_1")
            item.body = "Your results are ready: [link]"
            item.sealedBody = "v1.nonce.ciphertext=="
            try await store.insertOutbox(item)
            #expect(try await store.outbox(includeAcked: false) == [item])
            #expect(try await store.claimOutbox(collector: "a", limit: 1, lease: 30, now: Sample.t(1)).first?.sealedBody == item.sealedBody)
            #expect(try await store.ackOutbox(id: "out_1", at: Sample.t(2)))
            let acked = try #require(try await store.outbox(includeAcked: true).first)
            #expect(acked.sealedBody == nil)
            #expect(acked.body == item.body, "the redacted body stays for the record")
        }
    }

    @Test("outbox pages: in (time, id) order, a cursor per page, acknowledged ones only when asked, from/to",
          arguments: StoreFactory.all)
    func outboxPages(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await fillOutbox(store, count: 5)
            try await store.insertOutbox(Sample.outbox("out_4b", at: 4))  // same time as out_4: id decides
            #expect(try await store.ackOutbox(id: "out_1", at: Sample.t(50)))

            var ids: [String] = []
            var page = Page(limit: 2)
            var pages = 0
            while true {
                let result = try await store.outbox(includeAcked: true, page: page)
                ids += result.items.map(\.id)
                pages += 1
                guard let next = result.next else { break }
                #expect(result.items.count == 2)
                let back = PageCursor(token: next.token)
                #expect(back == next, "the token reads back")
                page.after = back
            }
            #expect(ids == ["out_0", "out_1", "out_2", "out_3", "out_4", "out_4b"])
            #expect(pages == 3, "the last full page says there is no more")

            let pending = try await store.outbox(includeAcked: false, page: Page(limit: 100))
            #expect(pending.items.map(\.id) == ["out_0", "out_2", "out_3", "out_4", "out_4b"])
            #expect(pending.next == nil)
            let window = try await store.outbox(includeAcked: true, page: Page(from: Sample.t(1), to: Sample.t(4)))
            #expect(window.items.map(\.id) == ["out_1", "out_2", "out_3"])
        }
    }
}

@Suite("Page cursors")
struct PageCursorTests {
    @Test("a cursor's token is URL-safe and reads back as the same cursor")
    func roundTrip() throws {
        let cursor = PageCursor(at: Sample.t(3), id: "out_3f9a/+=")
        let token = cursor.token
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(PageCursor(token: token) == cursor)
    }

    @Test("anything else is not a cursor", arguments: ["", "not base64!", "bm9jb2xvbg", "YWJjOmlk", "MTIzOg", String(repeating: "A", count: 500)])
    func rejects(_ token: String) {
        #expect(PageCursor(token: token) == nil)
    }

    @Test("limits are brought into 1…1000")
    func limits() {
        #expect(Page(limit: 0).limit == 1)
        #expect(Page(limit: 5000).limit == 1000)
        #expect(Page().limit == 100)
    }
}
