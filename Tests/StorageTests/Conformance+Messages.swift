import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("messages: insert, get, by recipient and by queue oldest first, set status", arguments: StoreFactory.all)
    func messages(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let late = Sample.message("msg_3", to: "pat_1", queue: "billing", at: 30)
            let early = Sample.message("msg_1", to: "pat_1", queue: "billing", at: 10)
            let other = Sample.message("msg_2", to: "pat_2", at: 20)
            var secure = Sample.message("msg_4", to: "pat_2", queue: "billing", at: 20)
            secure.kind = "secure"; secure.notify = []; secure.body = "Line 1\nLine \"2\", naïve ✓"
            for m in [late, early, other, secure] { try await store.insertMessage(m) }

            #expect(try await store.message(id: "msg_4") == secure)
            #expect(try await store.message(id: "msg_404") == nil)
            #expect(try await store.messages(recipientId: "pat_1") == [early, late])
            #expect(try await store.messages(queue: "billing") == [early, secure, late])
            #expect(try await store.messages(queue: "none") == [])

            try await store.setMessageStatus(id: "msg_1", status: "failed")
            #expect(try await store.message(id: "msg_1")?.status == "failed")
            try await store.setMessageStatus(id: "msg_404", status: "failed")  // unknown id: nothing happens
            #expect(try await store.message(id: "msg_404") == nil)

            let duplicate = await storageError { try await store.insertMessage(early) }
            #expect(duplicate?.isConflict == true)
        }
    }

    @Test("lastMessage(toPhone:fromNumber:) picks the newest sent message to that phone from that number",
          arguments: StoreFactory.all)
    func lastMessage(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let main = "+12015550110", lab = "+12015550117"
            try await store.insertRecipient(Sample.recipient("pat_1", phone: "+12015550100"))
            try await store.insertRecipient(Sample.recipient("pat_2", phone: "+12015550100"))  // same family phone
            try await store.insertRecipient(Sample.recipient("pat_3", phone: "+12015550130"))
            try await store.insertMessage(Sample.message("msg_old", to: "pat_1", from: main, queue: "a", at: 10))
            try await store.insertMessage(Sample.message("msg_new", to: "pat_2", from: main, queue: "b", at: 30))
            try await store.insertMessage(Sample.message("msg_mid", to: "pat_1", from: main, at: 20))
            try await store.insertMessage(Sample.message("msg_lab", to: "pat_1", from: lab, at: 40))
            try await store.insertMessage(Sample.message("msg_other", to: "pat_3", from: main, at: 50))
            try await store.insertMessage(Sample.message("msg_blocked", to: "pat_1", from: main, status: "blocked", at: 60))

            #expect(try await store.lastMessage(toPhone: "+12015550100", fromNumber: main)?.id == "msg_new")
            #expect(try await store.lastMessage(toPhone: "+12015550100", fromNumber: lab)?.id == "msg_lab")
            #expect(try await store.lastMessage(toPhone: "+12015550130", fromNumber: main)?.id == "msg_other")
            #expect(try await store.lastMessage(toPhone: "+12015550130", fromNumber: lab) == nil)
            #expect(try await store.lastMessage(toPhone: "+12015550199", fromNumber: main) == nil)
        }
    }
}
