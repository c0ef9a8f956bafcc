import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("consent ledger: events kept in order, filtered by phone and practice number", arguments: StoreFactory.all)
    func consent(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let main = "+12015550110", lab = "+12015550117"
            let optOut = Sample.consent("con_ev_1", practice: main, action: "opt-out", at: 10)
            let optIn = Sample.consent("con_ev_2", practice: main, action: "opt-in", at: 20)
            var labOut = Sample.consent("con_ev_3", practice: lab, action: "opt-out", at: 15)
            labOut.source = "provider"; labOut.messageId = nil; labOut.actor = "key_1"
            let sameTime = Sample.consent("con_ev_4", practice: main, action: "opt-out", at: 20)  // ties keep append order
            let otherPhone = Sample.consent("con_ev_5", phone: "+12015550130", practice: main, at: 5)
            for e in [optOut, optIn, labOut, sameTime, otherPhone] { try await store.appendConsent(e) }

            #expect(try await store.consentEvents(phone: "+12015550100", practiceNumber: nil) == [optOut, labOut, optIn, sameTime])
            #expect(try await store.consentEvents(phone: "+12015550100", practiceNumber: main) == [optOut, optIn, sameTime])
            #expect(try await store.consentEvents(phone: "+12015550100", practiceNumber: lab) == [labOut])
            #expect(try await store.consentEvents(phone: "+12015550199", practiceNumber: nil) == [])
            #expect(try await store.allConsentEvents() == [otherPhone, optOut, labOut, optIn, sameTime])

            // Appending never overwrites: a reused id is refused and the original stays.
            var rewrite = optOut
            rewrite.action = "opt-in"
            let error = await storageError { try await store.appendConsent(rewrite) }
            #expect(error?.isConflict == true)
            #expect(try await store.consentEvents(phone: "+12015550100", practiceNumber: main).first == optOut)
        }
    }

    @Test("a send's consent: the latest change for its number and practice number, and its block, read together",
          arguments: StoreFactory.all)
    func sendConsent(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let phone = "+12015550100", main = "+12015550110", lab = "+12015550117"
            #expect(try await store.sendConsent(phone: phone, practiceNumber: main) == SendConsent(latest: nil, blocked: false))

            let optOut = Sample.consent("con_ev_1", practice: main, action: "opt-out", at: 10)
            try await store.appendConsent(optOut)
            let read = try await store.sendConsent(phone: phone, practiceNumber: main)
            #expect(read == SendConsent(latest: optOut, blocked: false))
            #expect(read.optedOut)
            // Another practice number's ledger, and another phone's, are apart.
            #expect(try await store.sendConsent(phone: phone, practiceNumber: lab) == SendConsent(latest: nil, blocked: false))
            #expect(try await store.sendConsent(phone: "+12015550130", practiceNumber: main) == SendConsent(latest: nil, blocked: false))

            // The latest by time, and among changes at the same time the last appended.
            let optIn = Sample.consent("con_ev_2", practice: main, action: "opt-in", at: 20)
            let earlier = Sample.consent("con_ev_3", practice: main, action: "opt-out", at: 5)
            for e in [optIn, earlier] { try await store.appendConsent(e) }
            #expect(try await store.sendConsent(phone: phone, practiceNumber: main) == SendConsent(latest: optIn, blocked: false))
            let sameTime = Sample.consent("con_ev_4", practice: main, action: "opt-out", at: 20)
            try await store.appendConsent(sameTime)
            #expect(try await store.sendConsent(phone: phone, practiceNumber: main) == SendConsent(latest: sameTime, blocked: false))

            // It agrees with the two reads it stands for.
            #expect(try await store.blockNumber(phone, at: Sample.t(30)))
            let both = try await store.sendConsent(phone: phone, practiceNumber: main)
            #expect(both.latest == (try await store.consentEvents(phone: phone, practiceNumber: main)).last)
            #expect(both.blocked == (try await store.isBlocked(phone)))
            #expect(both.blocked)
            #expect(try await store.sendConsent(phone: phone, practiceNumber: lab) == SendConsent(latest: nil, blocked: true))
        }
    }

    @Test("a send's target: the recipient and its cell phone's consent and block, read together", arguments: StoreFactory.all)
    func sendTarget(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let main = "+12015550110", lab = "+12015550117"
            let patient = Sample.recipient("pat_1", phone: "+12015550100")
            let noPhone = Sample.recipient("pat_2", phone: nil)
            for r in [patient, noPhone] { try await store.insertRecipient(r) }
            #expect(try await store.sendTarget(recipientId: "pat_missing", practiceNumber: main) == nil)
            #expect(try await store.sendTarget(recipientId: "pat_2", practiceNumber: main) == SendTarget(recipient: noPhone, consent: nil))
            #expect(try await store.sendTarget(recipientId: "pat_1", practiceNumber: main)
                == SendTarget(recipient: patient, consent: SendConsent(latest: nil, blocked: false)))

            let optOut = Sample.consent("con_ev_1", practice: main, action: "opt-out", at: 10)
            let optIn = Sample.consent("con_ev_2", practice: main, action: "opt-in", at: 20)
            let sameTime = Sample.consent("con_ev_3", practice: main, action: "opt-out", at: 20)
            let labOut = Sample.consent("con_ev_4", practice: lab, action: "opt-out", at: 30)
            for e in [optOut, optIn, sameTime, labOut] { try await store.appendConsent(e) }
            #expect(try await store.blockNumber("+12015550100", at: Sample.t(40)))
            for number in [main, lab, "+12015550199"] {
                let target = try await store.sendTarget(recipientId: "pat_1", practiceNumber: number)
                #expect(target?.recipient == patient)
                #expect(target?.consent == (try await store.sendConsent(phone: "+12015550100", practiceNumber: number)), "\(number)")
            }
            #expect(try await store.sendTarget(recipientId: "pat_1", practiceNumber: main)?.consent
                == SendConsent(latest: sameTime, blocked: true))
        }
    }

    @Test("send targets read at once each get their own recipient, consent and block", arguments: StoreFactory.all)
    func sendTargetsAtOnce(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let numbers = ["+12015550110", "+12015550117"]
            // Twelve patients: every third opted out from the first number, every fourth blocked.
            for i in 0..<12 {
                let phone = "+1201555\(String(format: "%04d", 200 + i))"
                try await store.insertRecipient(Sample.recipient("pat_\(i)", phone: phone))
                if i % 3 == 0 {
                    try await store.appendConsent(Sample.consent("con_\(i)", phone: phone, practice: numbers[0], at: 10))
                }
                if i % 4 == 0 { #expect(try await store.blockNumber(phone, at: Sample.t(20))) }
            }
            // Each read alone, then all of them (and some for no one) at once, many times over:
            // however they are grouped, every caller gets the answer of its own read.
            let reads = (0..<14).flatMap { i in numbers.map { ("pat_\(i)", $0) } }
            var alone: [String: SendTarget?] = [:]
            for (id, number) in reads { alone[id + number] = try await store.sendTarget(recipientId: id, practiceNumber: number) }
            #expect(alone["pat_12" + numbers[0]]! == nil)
            #expect(alone["pat_3" + numbers[0]]??.consent?.latest?.action == "opt-out")
            #expect(alone["pat_3" + numbers[1]]??.consent?.latest == nil)
            #expect(alone["pat_4" + numbers[1]]??.consent?.blocked == true)
            let together = try await withThrowingTaskGroup(of: (String, SendTarget?).self) { group in
                for _ in 0..<5 {
                    for (id, number) in reads {
                        group.addTask { (id + number, try await store.sendTarget(recipientId: id, practiceNumber: number)) }
                    }
                }
                var found: [(String, SendTarget?)] = []
                for try await answer in group { found.append(answer) }
                return found
            }
            #expect(together.count == reads.count * 5)
            for (key, target) in together { #expect(target == alone[key]!, "\(key)") }
        }
    }

    @Test("blocked senders: block, unblock, isBlocked, listed in order blocked", arguments: StoreFactory.all)
    func blocking(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            #expect(try await store.isBlocked("+12015550199") == false)
            #expect(try await store.blockNumber("+12015550199", at: Sample.t(10)))
            #expect(try await store.blockNumber("+12015550188", at: Sample.t(20)))
            #expect(try await store.blockNumber("+12015550199", at: Sample.t(30)) == false, "already blocked")
            #expect(try await store.isBlocked("+12015550199"))
            #expect(try await store.blockedNumbers() == ["+12015550199", "+12015550188"])

            #expect(try await store.unblockNumber("+12015550199"))
            #expect(try await store.unblockNumber("+12015550199") == false, "not blocked any more")
            #expect(try await store.unblockNumber("+12015550177") == false, "never blocked")
            #expect(try await store.isBlocked("+12015550199") == false)
            #expect(try await store.blockedNumbers() == ["+12015550188"])

            #expect(try await store.blockNumber("+12015550199", at: Sample.t(40)))
            #expect(try await store.blockedNumbers() == ["+12015550188", "+12015550199"])
        }
    }
}
