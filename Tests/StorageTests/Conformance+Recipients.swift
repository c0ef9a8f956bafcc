import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("recipients: insert, get, list by kind oldest first", arguments: StoreFactory.all)
    func recipients(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let p2 = Sample.recipient("pat_2", at: 20)
            let c1 = Sample.recipient("con_1", kind: .contact, phone: nil, at: 10)
            let p1 = Recipient(id: "pat_1", kind: .patient, createdAt: Sample.t(0), updatedAt: Sample.t(0))  // all optionals nil
            for r in [p2, c1, p1] { try await store.insertRecipient(r) }

            #expect(try await store.recipient(id: "pat_1") == p1)
            #expect(try await store.recipient(id: "con_1") == c1)
            #expect(try await store.recipient(id: "pat_404") == nil)
            #expect(try await store.recipients(kind: nil) == [p1, c1, p2])
            #expect(try await store.recipients(kind: .patient) == [p1, p2])
            #expect(try await store.recipients(kind: .contact) == [c1])

            let duplicate = await storageError { try await store.insertRecipient(p1) }
            #expect(duplicate?.isConflict == true)
        }
    }

    @Test("recipients: language and time zone round-trip, each present or absent", arguments: StoreFactory.all)
    func languageAndTimeZone(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            var spanish = Sample.recipient("pat_1")
            spanish.language = "es-419"; spanish.timeZone = "America/Los_Angeles"
            var zoneOnly = Sample.recipient("pat_2", at: 1)
            zoneOnly.language = nil; zoneOnly.timeZone = "Pacific/Honolulu"
            var languageOnly = Sample.recipient("pat_3", at: 2)
            languageOnly.language = "vi"; languageOnly.timeZone = nil
            for r in [spanish, zoneOnly, languageOnly] { try await store.insertRecipient(r) }
            #expect(try await store.recipient(id: "pat_1")?.language == "es-419")
            #expect(try await store.recipient(id: "pat_1")?.timeZone == "America/Los_Angeles")
            #expect(try await store.recipients(kind: .patient) == [spanish, zoneOnly, languageOnly])
        }
    }

    @Test("recipients: find by cell phone", arguments: StoreFactory.all)
    func recipientsByPhone(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let mother = Sample.recipient("pat_1", phone: "+12015550100", at: 1)
            let child = Sample.recipient("pat_2", phone: "+12015550100", at: 2)
            let other = Sample.recipient("pat_3", phone: "+12015550130", at: 3)
            for r in [child, other, mother] { try await store.insertRecipient(r) }
            #expect(try await store.recipients(phone: "+12015550100") == [mother, child])
            #expect(try await store.recipients(phone: "+12015550130") == [other])
            #expect(try await store.recipients(phone: "+12015550199") == [])
        }
    }

    @Test("recipients: update replaces fields; delete removes; both report unknown ids", arguments: StoreFactory.all)
    func updateAndDelete(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertRecipient(Sample.recipient("pat_1"))
            var changed = Sample.recipient("pat_1")
            changed.firstName = "Grace"
            changed.email = nil
            changed.cellPhone = "+12015550140"
            changed.language = "pt-BR"
            changed.timeZone = nil
            changed.updatedAt = Sample.t(60)
            #expect(try await store.updateRecipient(changed))
            #expect(try await store.recipient(id: "pat_1") == changed)
            #expect(try await store.recipients(phone: "+12015550100") == [])
            #expect(try await store.recipients(phone: "+12015550140") == [changed])
            #expect(try await store.updateRecipient(Sample.recipient("pat_404")) == false)
            #expect(try await store.recipient(id: "pat_404") == nil, "update does not insert")

            try await store.insertMessage(Sample.message("msg_1", to: "pat_1"))
            #expect(try await store.deleteRecipient(id: "pat_1"))
            #expect(try await store.deleteRecipient(id: "pat_1") == false)
            #expect(try await store.recipient(id: "pat_1") == nil)
            #expect(try await store.recipients(kind: nil) == [])
            // The message history outlives the recipient.
            #expect(try await store.messages(recipientId: "pat_1").map(\.id) == ["msg_1"])
        }
    }
}
