import Foundation
import Messaging
import OptOut
import Storage
import Testing

@Suite("Scheduler: broadcasts and reminders")
struct SchedulerTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func broadcast(_ h: SchedulerHarness, _ ids: [String], templates: [String: String] = [
        "en": "{{practice.name}}: Hi {{firstName}}, flu shots are in. Call {{practice.phone}}. Reply STOP to opt out.",
        "es": "{{practice.name}}: Hola {{firstName}}, ya tenemos vacunas. Llame al {{practice.phone}}. Responda ALTO para no recibir mas.",
    ]) async throws -> Broadcast {
        let b = Broadcast(id: "brd_1", caller: "key_1", kind: "sms", notify: ["sms"], templates: templates, queue: nil,
                          scheduledAt: h.clock.now(), createdAt: h.clock.now())
        try await h.store.insertBroadcast(b, recipientIds: ids)
        return b
    }

    @Test("a broadcast holds New York in quiet hours while Los Angeles gets it, then sends New York at 08:00 there")
    func quietHoursAcrossZones() async throws {
        // 21:30 in New York, 18:30 in Los Angeles.
        try await SchedulerHarness.run(start: Self.utc("2026-03-10T01:30:00Z")) { h in
            try await h.patient("pat_ny", phone: "+15552100001", zone: "America/New_York")
            try await h.patient("pat_la", phone: "+15552100002", zone: "America/Los_Angeles", language: "es", firstName: "Luis")
            _ = try await Self.broadcast(h, ["pat_ny", "pat_la"])
            try await h.scheduler().runDue()
            var items = try await h.outbox()
            #expect(items.map(\.to) == ["+15552100002"])
            #expect(items.first?.body.hasPrefix("Riverside: Hola Luis, ya tenemos vacunas. Llame al (201) 555-0100.") == true,
                    "rendered in the recipient's language")
            #expect(try await h.store.broadcastCounts(id: "brd_1") == [.sent: 1, .pending: 1])
            #expect(try await h.store.scheduledSend(id: "brd_1_pat_ny")?.dueAt == Self.utc("2026-03-10T12:00:00Z"))

            h.clock.set(Self.utc("2026-03-10T11:59:00Z"))
            try await h.scheduler().runDue()
            #expect(try await h.outbox().count == 1, "still quiet at 07:59 in New York")
            h.clock.set(Self.utc("2026-03-10T12:00:00Z"))
            try await h.scheduler().runDue()
            items = try await h.outbox()
            #expect(items.map(\.to) == ["+15552100002", "+15552100001"])
            #expect(items.last?.body.contains("Hi Ana, flu shots are in") == true)
            #expect(try await h.store.broadcastCounts(id: "brd_1") == [.sent: 2])
        }
    }

    @Test("a broadcast is paced per sending number, skips the opted-out, the blocked and a blocked rendering, with reasons")
    func pacingAndSkips() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-10T16:00:00Z"), rate: 2) { h in
            for i in 0..<4 { try await h.patient("pat_\(i)", phone: "+1555210010\(i)") }
            try await h.patient("pat_out", phone: "+15552100200")
            try await h.patient("pat_blk", phone: "+15552100201")
            try await h.patient("pat_link", phone: "+15552100202", firstName: "see bit.ly/free-gift")
            _ = try await ConsentLedger(store: h.store).record(phone: "+15552100200", practiceNumber: h.practice.number, optOut: true,
                                                               source: "keyword", text: "STOP", messageId: nil, actor: "patient",
                                                               at: h.clock.now())
            _ = try await h.store.blockNumber("+15552100201", at: h.clock.now())
            _ = try await Self.broadcast(h, ["pat_0", "pat_1", "pat_out", "pat_blk", "pat_link", "pat_2", "pat_3"])
            try await h.scheduler().runDue()
            let items = try await h.outbox()
            #expect(items.count == 4)
            let start = Self.utc("2026-03-10T16:00:00Z")
            #expect(items.map { $0.createdAt.timeIntervalSince(start) } == [0, 0.5, 1.0, 1.5], "two a second from one number")
            #expect(try await h.store.broadcastCounts(id: "brd_1") == [.sent: 4, .skipped: 3])
            let skipped = try await h.store.broadcastSends(id: "brd_1", state: .skipped, page: Page()).items
            #expect(Dictionary(uniqueKeysWithValues: skipped.map { ($0.recipientId, $0.reason ?? "") })
                    == ["pat_out": "recipient_opted_out", "pat_blk": "recipient_blocked", "pat_link": "message_blocked"])
            // Running again sends nobody twice.
            h.clock.advance(by: 3600)
            #expect(try await h.scheduler().runDue() == 0)
            #expect(try await h.outbox().count == 4)
        }
    }

    @Test("a send whose worker died after handing it over is recorded as sent, not texted again")
    func crashAfterHandOver() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-10T16:00:00Z")) { h in
            try await h.patient("pat_1", phone: "+15552100001")
            try await h.patient("pat_2", phone: "+15552100002")
            _ = try await Self.broadcast(h, ["pat_1", "pat_2"])
            // Worker w0 claims both, stores and hands over pat_1's text, then dies before recording it.
            let claimed = try await h.store.claimDueSends(worker: "w0", limit: 10, lease: 30, now: h.clock.now())
            #expect(claimed.count == 2)
            let first = try #require(claimed.first { $0.recipientId == "pat_1" })
            let messageId = "msg_\(first.id)_1"
            try await h.store.insertMessage(OutboundMessage(id: messageId, recipientId: "pat_1", kind: "sms", notify: ["sms"],
                                                            body: "Hi", queue: nil, fromNumber: h.practice.number, status: "pending",
                                                            decision: "allow", rulesVersion: "", findingsJSON: "[]", caller: "key_1",
                                                            createdAt: h.clock.now()))
            _ = try await h.transport.deliver(Delivery(messageId: messageId, channel: "sms", from: h.practice.number,
                                                       to: "+15552100001", body: "Hi"))
            #expect(try await h.scheduler().runDue() == 0, "held by w0 until its lease runs out")
            h.clock.advance(by: 31)
            #expect(try await h.scheduler().runDue() == 2)
            let items = try await h.outbox()
            #expect(items.map(\.to).sorted() == ["+15552100001", "+15552100002"], "each recipient once")
            #expect(try await h.store.scheduledSend(id: first.id)?.messageId == messageId)
            #expect(try await h.store.broadcastCounts(id: "brd_1") == [.sent: 2])
        }
    }

    @Test("two workers on one store at once text each recipient once")
    func twoWorkers() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-10T16:00:00Z"), rate: 1000) { h in
            let ids = (0..<60).map { "pat_\($0)" }
            for (i, id) in ids.enumerated() { try await h.patient(id, phone: "+1555210" + String(String(1000 + i).dropFirst())) }
            _ = try await Self.broadcast(h, ids)
            let handled = try await withThrowingTaskGroup(of: Int.self) { group in
                for w in 0..<2 { group.addTask { try await h.scheduler(worker: "w\(w)").runDue() } }
                return try await group.reduce(0, +)
            }
            #expect(handled == 60)
            let to = try await h.outbox().map(\.to)
            #expect(to.count == 60 && Set(to).count == 60)
            #expect(try await h.store.broadcastCounts(id: "brd_1") == [.sent: 60])
        }
    }

    @Test("a cancelled broadcast sends nothing more")
    func cancelled() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-10T16:00:00Z")) { h in
            try await h.patient("pat_1", phone: "+15552100001")
            _ = try await Self.broadcast(h, ["pat_1"])
            #expect(try await h.store.cancelBroadcast(id: "brd_1", at: h.clock.now()))
            #expect(try await h.scheduler().runDue() == 0)
            #expect(try await h.outbox().isEmpty)
        }
    }

    @Test("reminders go at their offsets in the patient's language and time zone; C confirms, CANCELAR opts out and flags")
    func reminders() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-09T12:00:00Z")) { h in
            try await h.patient("pat_es", phone: "+15552100001", zone: "America/New_York", language: "es")
            try await h.patient("pat_en", phone: "+15552100002")
            let start = Self.utc("2026-03-10T19:30:00Z") // 15:30 in New York (EDT), 14:30 in Chicago (CDT)
            var ids: [String] = []
            for (n, patient) in ["pat_es", "pat_en"].enumerated() {
                let a = Appointment(id: "apt_\(n)", recipientId: patient, startsAt: start, location: "Suite 2",
                                    createdAt: h.clock.now(), updatedAt: h.clock.now())
                let recipient = try #require(try await h.store.recipient(id: patient))
                let reminders = Reminders.schedule(a, recipient: recipient, settings: h.settings, practice: h.practice, now: h.clock.now())
                #expect(reminders.map(\.dueAt) == [start.addingTimeInterval(-86_400), start.addingTimeInterval(-3_600)])
                try await h.store.insertAppointment(a, reminders: reminders)
                ids.append(a.id)
            }
            h.clock.set(start.addingTimeInterval(-86_400))
            try await h.scheduler().runDue()
            let items = try await h.outbox()
            #expect(items.count == 2)
            let spanish = try #require(items.first { $0.to == "+15552100001" }?.body)
            #expect(spanish.contains("recordatorio de su cita el martes, 10 de marzo a las 15:30"), "\(spanish)")
            let english = try #require(items.first { $0.to == "+15552100002" }?.body)
            #expect(english.contains("on Tuesday, March 10 at 2:30 PM CDT"), "\(english)")

            let confirm = try await h.inbound().receive(from: "+15552100002", to: h.practice.number, body: "C")
            #expect(confirm.appointment?.status == "confirmed")
            #expect(try await h.store.appointment(id: "apt_1")?.status == "confirmed")

            let cancel = try await h.inbound().receive(from: "+15552100001", to: h.practice.number, body: "CANCELAR")
            #expect(cancel.consent?.action == "opt-out")
            let flagged = try #require(try await h.store.appointment(id: "apt_0"))
            #expect(flagged.status == "flagged")
            #expect(flagged.note?.contains("possible appointment cancellation") == true)

            // The next reminder of the opted-out patient is skipped; the other goes.
            h.clock.set(start.addingTimeInterval(-3_600))
            try await h.scheduler().runDue()
            #expect(try await h.outbox().count == 4, "the first two reminders, the opt-out confirmation, and one second reminder")
            let sends = try await h.store.scheduledSends(parentId: "apt_0")
            #expect(sends.last?.reason == "recipient_opted_out")
        }
    }

    @Test("YES to a reminder confirms it and sends no opt-in text")
    func yesConfirms() async throws {
        try await SchedulerHarness.run(start: Self.utc("2026-03-09T15:00:00Z")) { h in
            try await h.patient("pat_1", phone: "+15552100001")
            let start = Self.utc("2026-03-10T16:00:00Z")
            let a = Appointment(id: "apt_1", recipientId: "pat_1", startsAt: start, createdAt: h.clock.now(), updatedAt: h.clock.now())
            let r = ScheduledSend(id: "rem_1", source: .reminder, parentId: "apt_1", recipientId: "pat_1", offsetSeconds: 3600,
                                  dueAt: start.addingTimeInterval(-3600), createdAt: h.clock.now())
            try await h.store.insertAppointment(a, reminders: [r])
            h.clock.set(start.addingTimeInterval(-3600))
            try await h.scheduler().runDue()
            let result = try await h.inbound().receive(from: "+15552100001", to: h.practice.number, body: "YES")
            #expect(result.reply == nil && result.consent == nil)
            #expect(result.appointment?.status == "confirmed")
            #expect(try await h.outbox().count == 1, "only the reminder")
        }
    }
}
