import Foundation
import Storage
import Testing

/// Every item of a list, read two at a time through cursor tokens, and how many pages it took.
func readAllPages<T: Sendable>(
    _ read: (Page) async throws -> PageResult<T>
) async throws -> (items: [T], pages: Int) {
    var page = Page(limit: 2)
    var items: [T] = []
    var pages = 0
    while true {
        let result = try await read(page)
        items += result.items
        pages += 1
        #expect(pages < 50, "paging does not end")
        guard let next = result.next, pages < 50 else { return (items, pages) }
        #expect(result.items.count == 2, "only the last page is short")
        let back = PageCursor(token: next.token)
        #expect(back == next, "the token reads back")
        page.after = back
    }
}

extension StoreConformance {
    @Test("paged lists: recipients, messages, inbound and consent oldest first; ties by id; filters kept",
          arguments: StoreFactory.all)
    func pagedLists(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            for (id, at) in [("pat_c", 2), ("pat_a", 0), ("pat_b", 2), ("pat_d", 3), ("pat_e", 4)] {
                try await store.insertRecipient(Sample.recipient(id, at: at))
            }
            try await store.insertRecipient(Sample.recipient("con_1", kind: .contact, at: 1))
            let patients = try await readAllPages { try await store.recipients(kind: .patient, page: $0) }
            #expect(patients.items.map(\.id) == ["pat_a", "pat_b", "pat_c", "pat_d", "pat_e"], "pat_b and pat_c tie on time")
            #expect(patients.pages == 3)
            let everyone = try await readAllPages { try await store.recipients(kind: nil, page: $0) }
            #expect(everyone.items.count == 6)
            let window = try await store.recipients(kind: nil, page: Page(from: Sample.t(1), to: Sample.t(3)))
            #expect(window.items.map(\.id) == ["con_1", "pat_b", "pat_c"])

            for i in 0..<5 {
                try await store.insertMessage(Sample.message("msg_\(i)", to: i == 4 ? "pat_b" : "pat_a",
                                                             queue: i % 2 == 0 ? "billing" : nil, at: i))
                try await store.insertInbound(Sample.inbound("in_\(i)", recipientId: "pat_a", queue: "billing",
                                                            blocked: i == 3, at: i))
                try await store.appendConsent(Sample.consent("con_ev_\(i)", practice: i == 1 ? "+12015550119" : "+12015550110", at: i))
            }
            #expect(try await readAllPages { try await store.messages(recipientId: "pat_a", page: $0) }.items.map(\.id)
                    == ["msg_0", "msg_1", "msg_2", "msg_3"])
            #expect(try await readAllPages { try await store.messages(queue: "billing", page: $0) }.items.map(\.id)
                    == ["msg_0", "msg_2", "msg_4"])
            #expect(try await readAllPages { try await store.inbound(recipientId: "pat_a", page: $0) }.items.count == 5)
            #expect(try await readAllPages { try await store.inbound(queue: "billing", page: $0) }.items.map(\.id)
                    == ["in_0", "in_1", "in_2", "in_4"], "never blocked ones")
            #expect(try await readAllPages { try await store.consentEvents(phone: nil, practiceNumber: nil, page: $0) }.items.count == 5)
            #expect(try await readAllPages {
                try await store.consentEvents(phone: "+12015550100", practiceNumber: "+12015550110", page: $0)
            }.items.map(\.id) == ["con_ev_0", "con_ev_2", "con_ev_3", "con_ev_4"])
            #expect(try await store.consentEvents(phone: "+12015550199", practiceNumber: nil, page: Page()).items.isEmpty)
        }
    }

    @Test("paged audit: newest first, ties by id descending, filtered by recipient and decision",
          arguments: StoreFactory.all)
    func pagedAudit(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            for (id, at, decision) in [("aud_a", 0, "allow"), ("aud_b", 1, "block"), ("aud_c", 1, "allow"),
                                       ("aud_d", 2, "allow"), ("aud_e", 3, "warn")] {
                try await store.appendAudit(Sample.audit(id, recipient: id == "aud_e" ? "pat_2" : "pat_1", decision: decision, at: at))
            }
            let all = try await readAllPages { try await store.audit(AuditFilter(), page: $0) }
            #expect(all.items.map(\.id) == ["aud_e", "aud_d", "aud_c", "aud_b", "aud_a"])
            let allowed = try await readAllPages { try await store.audit(AuditFilter(recipientId: "pat_1", decision: "allow"), page: $0) }
            #expect(allowed.items.map(\.id) == ["aud_d", "aud_c", "aud_a"])
            let window = try await store.audit(AuditFilter(), page: Page(from: Sample.t(1), to: Sample.t(3)))
            #expect(window.items.map(\.id) == ["aud_d", "aud_c", "aud_b"])
            #expect(window.next == nil)
        }
    }
}
