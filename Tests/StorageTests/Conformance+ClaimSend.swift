import Foundation
import Storage
import Testing

/// A send of message `id` with one outbox item and an audit record, claiming `key` with its answer.
private func claimingSend(_ id: String, key: String, hash: String = "h", at: Int = 0) -> AcceptedSend {
    var audit = Sample.audit("aud_\(id)", at: at)
    audit.messageId = id
    let answer = IdempotentResponse(caller: "key_1", key: key, status: 202, body: #"{"id":"\#(id)"}"#,
                                    createdAt: Sample.t(at), requestHash: hash)
    return AcceptedSend(message: Sample.message(id, at: at), outbox: [Sample.outbox("out_\(id)", message: id, at: at)],
                        deliveries: [], audit: audit, idempotency: answer)
}

extension StoreConformance {
    @Test("a send that claims a free key is written with the key's answer; a used or reserved key writes nothing",
          arguments: StoreFactory.all)
    func claimSend(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let first = claimingSend("msg_1", key: "k")
            #expect(try await store.claimSend(first))
            #expect(try await store.message(id: "msg_1") == first.message)
            #expect(try await store.outbox(includeAcked: false).map(\.id) == ["out_msg_1"])
            #expect(try await store.idempotentResponse(caller: "key_1", key: "k") == first.idempotency)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(1))
                    == .completed(first.idempotency!))

            // The same key again, with the same or another request: nothing of the second is written.
            #expect(try await store.claimSend(claimingSend("msg_2", key: "k", at: 2)) == false)
            #expect(try await store.claimSend(claimingSend("msg_3", key: "k", hash: "other", at: 3)) == false)
            // A key reserved by a request still running is taken too.
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "held", requestHash: "h", at: Sample.t(4)) == .reserved)
            #expect(try await store.claimSend(claimingSend("msg_4", key: "held", at: 4)) == false)
            for id in ["msg_2", "msg_3", "msg_4"] { #expect(try await store.message(id: id) == nil, "\(id)") }
            #expect(try await store.outbox(includeAcked: true).map(\.id) == ["out_msg_1"])
            #expect(try await store.audit(AuditFilter()).map(\.id) == ["aud_msg_1"])
            #expect(try await store.idempotentResponse(caller: "key_1", key: "k") == first.idempotency)
        }
    }

    @Test("sends claiming one key at once: exactly one is written; other keys in the same batches all are",
          arguments: StoreFactory.all)
    func claimSendConcurrent(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<40 {
                    // Even sends share the key `same`; odd ones each have their own.
                    group.addTask { (i, try await store.claimSend(claimingSend("msg_\(i)", key: i % 2 == 0 ? "same" : "k\(i)", at: i))) }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let winners = outcomes.filter { $0.key % 2 == 0 && $0.value }.map(\.key)
            #expect(winners.count == 1)
            let others = outcomes.filter { $0.key % 2 == 1 }
            #expect(others.count == 20 && others.values.allSatisfy { $0 })
            #expect(try await store.outbox(includeAcked: true).count == 21)
            #expect(try await store.audit(AuditFilter(limit: 100)).count == 21)
            let winner = try #require(winners.first)
            #expect(try await store.idempotentResponse(caller: "key_1", key: "same")?.body == #"{"id":"msg_\#(winner)"}"#)
        }
    }

    @Test("a claiming send that breaks a constraint writes nothing and leaves its key free",
          arguments: StoreFactory.all)
    func claimSendAllOrNothing(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.claimSend(claimingSend("msg_1", key: "a")))
            var clash = claimingSend("msg_2", key: "b", at: 1)
            clash.outbox[0].id = "out_msg_1"
            let error = await storageError { _ = try await store.claimSend(clash) }
            #expect(error?.isConflict == true)
            #expect(try await store.message(id: "msg_2") == nil)
            #expect(try await store.idempotentResponse(caller: "key_1", key: "b") == nil)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "b", requestHash: "h", at: Sample.t(2)) == .reserved)
        }
    }
}
