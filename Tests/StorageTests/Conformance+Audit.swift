import Foundation
import Storage
import Testing

extension StoreConformance {
    @Test("audit: newest first, filtered by recipient, time range, decision, limited", arguments: StoreFactory.all)
    func audit(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let a1 = Sample.audit("aud_1", recipient: "pat_1", decision: "allow", at: 10)
            let a2 = Sample.audit("aud_2", recipient: "pat_2", decision: "block", at: 20)
            let a3 = Sample.audit("aud_3", recipient: "pat_1", decision: "warn", at: 30)
            var check = Sample.audit("aud_4", recipient: nil, decision: "block", at: 40)
            check.action = "check"; check.messageId = nil
            let a5 = Sample.audit("aud_5", recipient: "pat_1", decision: "recipient_opted_out", at: 50)
            for r in [a3, a1, check, a5, a2] { try await store.appendAudit(r) }

            #expect(try await store.audit(AuditFilter()) == [a5, check, a3, a2, a1])
            #expect(try await store.audit(AuditFilter(recipientId: "pat_1")) == [a5, a3, a1])
            #expect(try await store.audit(AuditFilter(decision: "block")) == [check, a2])
            // `from` is inclusive, `to` exclusive.
            #expect(try await store.audit(AuditFilter(from: Sample.t(20), to: Sample.t(40))) == [a3, a2])
            #expect(try await store.audit(AuditFilter(from: Sample.t(31))) == [a5, check])
            #expect(try await store.audit(AuditFilter(to: Sample.t(20))) == [a1])
            #expect(try await store.audit(AuditFilter(recipientId: "pat_1", from: Sample.t(11), decision: "warn")) == [a3])
            #expect(try await store.audit(AuditFilter(limit: 2)) == [a5, check], "the newest ones")
            #expect(try await store.audit(AuditFilter(recipientId: "pat_1", limit: 1)) == [a5])
            #expect(try await store.audit(AuditFilter(limit: 0)) == [])
            #expect(try await store.audit(AuditFilter(recipientId: "pat_404")) == [])

            // Millisecond boundaries are exact.
            let justBefore = Date(timeIntervalSince1970: Sample.t(20).timeIntervalSince1970 - 0.001)
            #expect(try await store.audit(AuditFilter(from: justBefore, to: Sample.t(20))) == [])
            #expect(try await store.audit(AuditFilter(to: Sample.t(20).addingTimeInterval(0.001))).map(\.id) == ["aud_2", "aud_1"])

            let duplicate = await storageError { try await store.appendAudit(a1) }
            #expect(duplicate?.isConflict == true)
        }
    }
}

extension StoreConformance {
    @Test("audit: records appended as new are read at once, as written, in the trail and its pages", arguments: StoreFactory.withJournals)
    func newAuditReadAtOnce(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            let sent = Sample.audit(Identifier.make("aud"), at: 10)
            var check = Sample.audit(Identifier.make("aud"), recipient: nil, decision: "warn", at: 20)
            check.action = "check"; check.messageId = nil
            check.findingsJSON = #"[{"rule":"cannabis","match":"CBD ñ 🌿 \"quoted\""}]"#
            try await store.appendAudit(sent)
            try await store.appendNewAudit(check)
            #expect(try await store.audit(AuditFilter()) == [check, sent])
            #expect(try await store.audit(AuditFilter(decision: "warn")) == [check])
            #expect(try await store.audit(AuditFilter(), page: Page(limit: 10)).items == [check, sent])

            // Many at once, as concurrent checks append them: none lost.
            let ids = (0..<300).map { _ in Identifier.make("aud") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, id) in ids.enumerated() {
                    group.addTask { try await store.appendNewAudit(Sample.audit(id, recipient: nil, at: 100 + i)) }
                }
                try await group.waitForAll()
            }
            let stored = try await store.audit(AuditFilter(from: Sample.t(100), limit: 1000))
            #expect(stored.map(\.id) == ids.reversed())
        }
    }
}
