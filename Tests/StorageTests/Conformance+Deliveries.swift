import Foundation
import Storage
import Testing

extension Sample {
    static func delivery(_ id: String, message: String? = "msg_1", sid: String?, status: DeliveryStatus = .queued,
                         code: Int? = nil, at: Int = 0) -> DeliveryRecord {
        DeliveryRecord(id: id, messageId: message, channel: "sms", transport: "http", providerSid: sid, status: status,
                       errorCode: code, errorMessage: code.map { "provider error \($0)" }, createdAt: t(at), history: [])
    }
}

extension StoreConformance {
    @Test("status callbacks move a delivery forward only: late and repeated ones change nothing",
          arguments: StoreFactory.all)
    func deliveryOrder(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_1"))
            let first = try await store.recordDelivery(Sample.delivery("dlv_1", sid: "SM1"))
            #expect(first.history.map(\.status) == [.queued])
            #expect(try await store.applyDeliveryStatus(providerSid: "SM1", DeliveryEvent(status: .sent, at: Sample.t(1))).applied)
            let done = try await store.applyDeliveryStatus(providerSid: "SM1", DeliveryEvent(status: .delivered, at: Sample.t(3)))
            #expect(done.applied)
            #expect(done.delivery.status == .delivered)
            let late = try await store.applyDeliveryStatus(providerSid: "SM1", DeliveryEvent(status: .sent, at: Sample.t(4)))
            #expect(!late.applied)
            #expect(late.delivery.status == .delivered, "delivered is never overwritten by sent")
            let again = try await store.applyDeliveryStatus(providerSid: "SM1", DeliveryEvent(status: .delivered, at: Sample.t(5)))
            #expect(!again.applied)
            let other = try await store.applyDeliveryStatus(
                providerSid: "SM1", DeliveryEvent(status: .undelivered, errorCode: 30007, at: Sample.t(6)))
            #expect(!other.applied, "a final status is final")

            let stored = try await store.deliveries(messageId: "msg_1")
            #expect(stored.count == 1)
            #expect(stored.first?.history.map(\.status) == [.queued, .sent, .delivered])
            #expect(stored.first?.history.map(\.at) == [Sample.t(0), Sample.t(1), Sample.t(3)])
            #expect(stored.first?.providerSid == "SM1")
            #expect(try await store.deliveries(messageId: "msg_404") == [])
        }
    }

    @Test("a callback that comes before the send is recorded joins its message; error codes are kept",
          arguments: StoreFactory.all)
    func deliveryCallbackFirst(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_2"))
            let early = try await store.applyDeliveryStatus(
                providerSid: "SM2", DeliveryEvent(status: .undelivered, errorCode: 30007, errorMessage: "Carrier violation", at: Sample.t(3)))
            #expect(early.applied)
            #expect(early.delivery.messageId == nil)
            let joined = try await store.recordDelivery(Sample.delivery("dlv_2", message: "msg_2", sid: "SM2", at: 4))
            #expect(joined.id == early.delivery.id, "the callback's delivery, now joined")
            #expect(joined.messageId == "msg_2")
            #expect(joined.channel == "sms")
            #expect(joined.status == .undelivered)
            #expect(joined.errorCode == 30007)
            #expect(joined.errorMessage == "Carrier violation")
            #expect(joined.history.map(\.status) == [.undelivered], "queued came after undelivered: it is late")

            // Refusals before any provider id: several per message, none in conflict.
            try await store.insertMessage(Sample.message("msg_3"))
            _ = try await store.recordDelivery(Sample.delivery("dlv_3", message: "msg_3", sid: nil, status: .failed, code: 21610))
            _ = try await store.recordDelivery(Sample.delivery("dlv_4", message: "msg_3", sid: nil, status: .failed, code: 21610, at: 1))
            let refused = try await store.deliveries(messageIds: ["msg_2", "msg_3"])
            #expect(refused.map(\.id) == ["dlv_3", "dlv_4", early.delivery.id], "oldest first")
            #expect(refused.first?.errorCode == 21610)
            #expect(refused.first?.history.first?.errorCode == 21610)
        }
    }

    @Test("concurrent callbacks for one delivery leave a history that only moves forward", arguments: StoreFactory.all)
    func deliveryConcurrentCallbacks(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_1"))
            _ = try await store.recordDelivery(Sample.delivery("dlv_1", sid: "SM1"))
            let statuses: [DeliveryStatus] = [.sent, .delivered, .sent, .queued, .delivered, .sent]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, status) in statuses.enumerated() {
                    group.addTask {
                        _ = try await store.applyDeliveryStatus(providerSid: "SM1", DeliveryEvent(status: status, at: Sample.t(i + 1)))
                    }
                }
                try await group.waitForAll()
            }
            let history = try #require(try await store.deliveries(messageId: "msg_1").first).history.map(\.status.rank)
            #expect(history.first == 0)
            #expect(history.last == 2)
            #expect(zip(history, history.dropFirst()).allSatisfy { $0 < $1 }, "\(history)")
        }
    }

    @Test("messages listed by status (the message's or a delivery's) and recipient, a page at a time",
          arguments: StoreFactory.all)
    func messagesByStatus(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertMessage(Sample.message("msg_b", to: "pat_1", at: 1))
            try await store.insertMessage(Sample.message("msg_a", to: "pat_2", at: 1))
            try await store.insertMessage(Sample.message("msg_c", to: "pat_1", status: "blocked", at: 2))
            try await store.insertMessage(Sample.message("msg_d", to: "pat_1", at: 3))
            try await store.insertMessage(Sample.message("msg_e", to: "pat_1", at: 4))
            _ = try await store.recordDelivery(Sample.delivery("dlv_d", message: "msg_d", sid: "SMd"))
            _ = try await store.applyDeliveryStatus(providerSid: "SMd", DeliveryEvent(status: .undelivered, errorCode: 30007, at: Sample.t(5)))

            let all = try await readAllPages { try await store.messages(MessageFilter(), page: $0) }
            #expect(all.items.map(\.id) == ["msg_a", "msg_b", "msg_c", "msg_d", "msg_e"], "ties by id")
            #expect(all.pages == 3)
            let mine = try await readAllPages { try await store.messages(MessageFilter(recipientId: "pat_1"), page: $0) }
            #expect(mine.items.map(\.id) == ["msg_b", "msg_c", "msg_d", "msg_e"])
            let blocked = try await store.messages(MessageFilter(status: "blocked"), page: Page())
            #expect(blocked.items.map(\.id) == ["msg_c"])
            #expect(blocked.next == nil)
            let filtered = try await store.messages(MessageFilter(status: "undelivered", recipientId: "pat_1"), page: Page())
            #expect(filtered.items.map(\.id) == ["msg_d"])
            let window = try await store.messages(MessageFilter(status: "sent"), page: Page(from: Sample.t(1), to: Sample.t(4)))
            #expect(window.items.map(\.id) == ["msg_a", "msg_b", "msg_d"])
        }
    }
}
