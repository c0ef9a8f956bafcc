import Foundation
import Storage
import Testing

/// Behaviour every `TextgateStore` must have, run against every store in `StoreFactory.all`.
/// Tests live in extensions, one file per concern.
@Suite("Store conformance")
struct StoreConformance {
    @Test("migrate applies every version once; running it again changes nothing", arguments: StoreFactory.all)
    func migrateTwice(_ factory: StoreFactory) async throws {
        try await factory.withHarness { (harness) async throws in
            let store = try await harness.open()
            #expect(try await store.schemaVersion() == 0)
            try await store.migrate()
            let version = try await store.schemaVersion()
            #expect(version >= 1)
            try await store.insertQueue(MessageQueue(name: "billing", number: nil, createdAt: Sample.t(0)))
            try await store.migrate()
            #expect(try await store.schemaVersion() == version)
            #expect(try await store.queues().map(\.name) == ["billing"])
            try await store.close()
        }
    }

    @Test("data survives closing and reopening (a restart), and reopening does not migrate again",
          arguments: StoreFactory.all)
    func restart(_ factory: StoreFactory) async throws {
        try await factory.withHarness { (harness) async throws in
            let first = try await harness.open()
            try await first.migrate()
            let version = try await first.schemaVersion()
            try await first.insertKey(Sample.key("key_1"))
            try await first.insertRecipient(Sample.recipient("pat_1"))
            try await first.insertQueue(MessageQueue(name: "front-desk", number: "+12015550111", createdAt: Sample.t(1)))
            try await first.insertMessage(Sample.message("msg_1"))
            try await first.insertOutbox(Sample.outbox("out_1"))
            try await first.appendConsent(Sample.consent("con_ev_1"))
            #expect(try await first.blockNumber("+12015550199", at: Sample.t(2)))
            try await first.appendAudit(Sample.audit("aud_1"))
            #expect(try await first.saveIdempotentResponse(
                IdempotentResponse(caller: "key_1", key: "k", status: 201, body: "{}", createdAt: Sample.t(3))))
            try await first.close()

            let second = try await harness.open()
            #expect(try await second.schemaVersion() == version)
            try await second.migrate()
            #expect(try await second.schemaVersion() == version)
            #expect(try await second.key(hash: "hash-key_1") == Sample.key("key_1"))
            #expect(try await second.recipient(id: "pat_1") == Sample.recipient("pat_1"))
            #expect(try await second.queue(number: "+12015550111")?.name == "front-desk")
            #expect(try await second.message(id: "msg_1") == Sample.message("msg_1"))
            #expect(try await second.outbox(includeAcked: false) == [Sample.outbox("out_1")])
            #expect(try await second.allConsentEvents() == [Sample.consent("con_ev_1")])
            #expect(try await second.isBlocked("+12015550199"))
            #expect(try await second.audit(AuditFilter()) == [Sample.audit("aud_1")])
            #expect(try await second.idempotentResponse(caller: "key_1", key: "k")?.status == 201)
            try await second.close()
        }
    }

    @Test("a closed store refuses work with .unavailable", arguments: StoreFactory.all)
    func closed(_ factory: StoreFactory) async throws {
        try await factory.withHarness { (harness) async throws in
            let store = try await harness.open()
            try await store.migrate()
            try await store.close()
            let error = await storageError { _ = try await store.queues() }
            #expect(error?.isUnavailable == true)
            try await store.close()  // closing again is harmless
        }
    }

    @Test("dates round-trip exactly to the millisecond", arguments: StoreFactory.all)
    func dates(_ factory: StoreFactory) async throws {
        let instants: [Date] = [
            Date(timeIntervalSince1970: 1_700_000_000.123),
            Date(timeIntervalSince1970: 1_700_000_000.999),
            Date(timeIntervalSince1970: 1_700_000_000.0004),   // rounds down to .000
            Date(timeIntervalSince1970: 1_700_000_000.0996),   // rounds up to .100
            Date(timeIntervalSince1970: 0),
            Date(timeIntervalSince1970: -1_234_567_890.5),      // before 1970
            Date(timeIntervalSince1970: 951_782_400.001),       // 2000-02-29 (leap day)
            Date(timeIntervalSince1970: 4_102_444_799.999),     // 2099-12-31T23:59:59.999Z
            Date(),
        ]
        try await factory.withStore { (store) async throws in
            for (i, date) in instants.enumerated() {
                let id = "pat_\(i)"
                try await store.insertRecipient(Recipient(id: id, kind: .patient, createdAt: date, updatedAt: date))
                let back = try #require(try await store.recipient(id: id))
                #expect(millis(back.createdAt) == millis(date), "instant \(i): \(date)")
                // Reading it back gives exactly the millisecond, so a second round trip is the identity.
                try await store.insertKey(StoredKey(id: "k\(i)", name: "", roles: [], hash: "h\(i)",
                                                    createdAt: back.createdAt, revokedAt: back.createdAt))
                let key = try #require(try await store.key(hash: "h\(i)"))
                #expect(key.createdAt == back.createdAt)
                #expect(key.revokedAt == back.createdAt)
            }
        }
    }

    @Test("many tasks at once: every write lands, every read is whole", arguments: StoreFactory.all)
    func concurrentUse(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<60 {
                    group.addTask {
                        try await store.insertRecipient(Sample.recipient("pat_\(i)", at: i))
                        try await store.appendAudit(Sample.audit("aud_\(i)", recipient: "pat_\(i)", at: i))
                        _ = try await store.recipients(kind: nil)
                        #expect(try await store.recipient(id: "pat_\(i)") != nil)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.recipients(kind: .patient).map(\.id) == (0..<60).map { "pat_\($0)" })
            #expect(try await store.audit(AuditFilter(limit: 1000)).count == 60)
        }
    }
}

/// Unix milliseconds, rounded: the precision stores promise.
func millis(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
}
