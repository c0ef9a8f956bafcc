import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("inbound: by recipient, by phone, by queue (never blocked), oldest first", arguments: StoreFactory.all)
    func inbound(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let reply = Sample.inbound("in_2", queue: "billing", at: 20)
            let earlier = Sample.inbound("in_1", queue: "billing", at: 10)
            var blocked = Sample.inbound("in_3", from: "+12015550199", recipientId: nil, queue: "billing", blocked: true, at: 30)
            blocked.classification = "message"
            var stop = Sample.inbound("in_4", at: 40)
            stop.classification = "opt-out"; stop.body = "STOP\u{FFFD}"; stop.reviewReason = "possible cancellation"
            stop.repaired = true
            let unknown = Sample.inbound("in_5", from: "+12015550188", recipientId: nil, at: 5)
            for m in [reply, earlier, blocked, stop, unknown] { try await store.insertInbound(m) }

            #expect(try await store.inbound(recipientId: "pat_1") == [earlier, reply, stop])
            #expect(try await store.inbound(phone: "+12015550100") == [earlier, reply, stop])
            #expect(try await store.inbound(phone: "+12015550199") == [blocked], "blocked ones are kept and findable")
            #expect(try await store.inbound(queue: "billing") == [earlier, reply], "blocked ones never appear in queues")
            #expect(try await store.inbound(queue: "none") == [])

            let duplicate = await storageError { try await store.insertInbound(reply) }
            #expect(duplicate?.isConflict == true)
        }
    }
}
