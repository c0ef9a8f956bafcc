import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("consent ledger: events kept in order, filtered by phone and practice number", arguments: StoreFactory.all)
    func consent(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let main = "+15550100000", lab = "+15550100007"
            let optOut = Sample.consent("con_ev_1", practice: main, action: "opt-out", at: 10)
            let optIn = Sample.consent("con_ev_2", practice: main, action: "opt-in", at: 20)
            var labOut = Sample.consent("con_ev_3", practice: lab, action: "opt-out", at: 15)
            labOut.source = "provider"; labOut.messageId = nil; labOut.actor = "key_1"
            let sameTime = Sample.consent("con_ev_4", practice: main, action: "opt-out", at: 20)  // ties keep append order
            let otherPhone = Sample.consent("con_ev_5", phone: "+15550103000", practice: main, at: 5)
            for e in [optOut, optIn, labOut, sameTime, otherPhone] { try await store.appendConsent(e) }

            #expect(try await store.consentEvents(phone: "+15550102000", practiceNumber: nil) == [optOut, labOut, optIn, sameTime])
            #expect(try await store.consentEvents(phone: "+15550102000", practiceNumber: main) == [optOut, optIn, sameTime])
            #expect(try await store.consentEvents(phone: "+15550102000", practiceNumber: lab) == [labOut])
            #expect(try await store.consentEvents(phone: "+15550109999", practiceNumber: nil) == [])
            #expect(try await store.allConsentEvents() == [otherPhone, optOut, labOut, optIn, sameTime])

            // Appending never overwrites: a reused id is refused and the original stays.
            var rewrite = optOut
            rewrite.action = "opt-in"
            let error = await storageError { try await store.appendConsent(rewrite) }
            #expect(error?.isConflict == true)
            #expect(try await store.consentEvents(phone: "+15550102000", practiceNumber: main).first == optOut)
        }
    }

    @Test("blocked senders: block, unblock, isBlocked, listed in order blocked", arguments: StoreFactory.all)
    func blocking(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.isBlocked("+15550109999") == false)
            #expect(try await store.blockNumber("+15550109999", at: Sample.t(10)))
            #expect(try await store.blockNumber("+15550108888", at: Sample.t(20)))
            #expect(try await store.blockNumber("+15550109999", at: Sample.t(30)) == false, "already blocked")
            #expect(try await store.isBlocked("+15550109999"))
            #expect(try await store.blockedNumbers() == ["+15550109999", "+15550108888"])

            #expect(try await store.unblockNumber("+15550109999"))
            #expect(try await store.unblockNumber("+15550109999") == false, "not blocked any more")
            #expect(try await store.unblockNumber("+15550107777") == false, "never blocked")
            #expect(try await store.isBlocked("+15550109999") == false)
            #expect(try await store.blockedNumbers() == ["+15550108888"])

            #expect(try await store.blockNumber("+15550109999", at: Sample.t(40)))
            #expect(try await store.blockedNumbers() == ["+15550108888", "+15550109999"])
        }
    }
}
