import Foundation
import Storage
import Testing

/// A send's writes: message `id`, an SMS and an e-mail outbox item, a delivery for each, an audit record.
private func acceptedSend(_ id: String, idempotency: IdempotentResponse? = nil, at: Int = 0) -> AcceptedSend {
    let message = Sample.message(id, at: at)
    var email = Sample.outbox("out_\(id)_email", message: id, at: at)
    email.channel = "email"; email.to = "ada@example.com"; email.from = "clinic@example.com"
    let outbox = [Sample.outbox("out_\(id)_sms", message: id, at: at), email]
    let deliveries = outbox.map {
        DeliveryRecord(id: "dlv_\($0.id)", messageId: id, channel: $0.channel, transport: "outbox", body: $0.body,
                       providerSid: $0.id, status: .queued, createdAt: Sample.t(at), history: [])
    }
    var audit = Sample.audit("aud_\(id)", at: at)
    audit.messageId = id
    return AcceptedSend(message: message, outbox: outbox, deliveries: deliveries, audit: audit, idempotency: idempotency)
}

extension StoreConformance {
    @Test("a whole send: message, outbox items, deliveries, audit record and idempotency result written together",
          arguments: StoreFactory.all)
    func commitSend(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(0)) == .reserved)
            let answer = IdempotentResponse(caller: "key_1", key: "k", status: 201, body: #"{"id":"msg_1"}"#,
                                            createdAt: Sample.t(1), requestHash: "h")
            let send = acceptedSend("msg_1", idempotency: answer)
            #expect(try await store.commitSend(send))

            #expect(try await store.message(id: "msg_1") == send.message)
            #expect(try await store.outbox(includeAcked: false) == send.outbox)
            let stored = try await store.deliveries(messageId: "msg_1")
            #expect(stored.map(\.id).sorted() == send.deliveries.map(\.id).sorted())
            for d in stored {
                #expect(d.providerSid?.hasPrefix("out_msg_1_") == true)
                #expect(d.status == .queued)
                #expect(d.history == [DeliveryEvent(status: .queued, at: Sample.t(0))])
            }
            #expect(try await store.audit(AuditFilter()) == [send.audit].compactMap { $0 })
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(2)) == .completed(answer))

            // Without a key, or with a reservation that is gone, the send is written all the same.
            #expect(try await store.commitSend(acceptedSend("msg_2", at: 3)) == false)
            let gone = IdempotentResponse(caller: "key_1", key: "never-reserved", status: 201, body: "{}", createdAt: Sample.t(4), requestHash: "h")
            #expect(try await store.commitSend(acceptedSend("msg_3", idempotency: gone, at: 4)) == false)
            #expect(try await store.message(id: "msg_3") != nil)
            #expect(try await store.idempotentResponse(caller: "key_1", key: "never-reserved") == nil)
        }
    }

    @Test("a whole send without an audit record (an automatic reply) writes everything else and no audit row",
          arguments: StoreFactory.all)
    func commitSendWithoutAudit(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            var send = acceptedSend("msg_1")
            send.audit = nil
            #expect(try await store.commitSend(send) == false)
            #expect(try await store.message(id: "msg_1") == send.message)
            #expect(try await store.outbox(includeAcked: false).map(\.id) == send.outbox.map(\.id))
            #expect(try await store.deliveries(messageId: "msg_1").count == 2)
            #expect(try await store.audit(AuditFilter()) == [])
        }
    }

    @Test("a whole send that breaks a constraint writes nothing, and leaves its reservation pending",
          arguments: StoreFactory.all)
    func commitSendAllOrNothing(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.commitSend(acceptedSend("msg_1")) == false)
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(0)) == .reserved)
            // A new message whose outbox item's id is taken: the message, audit record and result must not stay.
            var clash = acceptedSend("msg_2", idempotency: IdempotentResponse(
                caller: "key_1", key: "k", status: 201, body: "{}", createdAt: Sample.t(1), requestHash: "h"), at: 1)
            clash.outbox[1].id = "out_msg_1_sms"
            let error = await storageError { _ = try await store.commitSend(clash) }
            #expect(error?.isConflict == true)
            #expect(try await store.message(id: "msg_2") == nil)
            #expect(try await store.deliveries(messageId: "msg_2") == [])
            #expect(try await store.audit(AuditFilter()).map(\.id) == ["aud_msg_1"])
            #expect(try await store.outbox(includeAcked: true).map(\.id) == ["out_msg_1_sms", "out_msg_1_email"])
            #expect(try await store.reserveIdempotency(caller: "key_1", key: "k", requestHash: "h", at: Sample.t(2)) == .inFlight)
        }
    }

    @Test("concurrent whole sends are each written once, and a failing one fails only itself",
          arguments: StoreFactory.all)
    func commitSendConcurrent(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.commitSend(acceptedSend("msg_0")) == false)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1..<40 {
                    group.addTask {
                        var send = acceptedSend("msg_\(i)", at: i)
                        // Every tenth reuses the first's audit id: only it fails.
                        if i % 10 == 9 { send.audit?.id = "aud_msg_0" }
                        let error = await storageError { _ = try await store.commitSend(send) }
                        #expect((error?.isConflict == true) == (i % 10 == 9), "send \(i)")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.outbox(includeAcked: true).count == 36 * 2)
            #expect(try await store.audit(AuditFilter(limit: 100)).count == 36)
            #expect(try await store.message(id: "msg_9") == nil)
            #expect(try await store.message(id: "msg_8") != nil)
        }
    }
}
