import Foundation
import Storage
import Testing

extension StoreConformance {
    static func appointment(_ id: String = "apt_1", startsAt: Int = 100_000, status: String = "unconfirmed") -> Appointment {
        Appointment(id: id, recipientId: "pat_1", startsAt: Sample.t(startsAt), location: "Suite 200", provider: "Dr. Ortiz",
                    status: status, createdAt: Sample.t(0), updatedAt: Sample.t(0))
    }

    static func reminder(_ id: String, of appointment: String = "apt_1", offset: Int, startsAt: Int = 100_000) -> ScheduledSend {
        ScheduledSend(id: id, source: .reminder, parentId: appointment, recipientId: "pat_1", offsetSeconds: offset,
                      dueAt: Sample.t(startsAt - offset), createdAt: Sample.t(0))
    }

    @Test("appointments: stored with their reminders, read back, listed by status and start", arguments: StoreFactory.all)
    func appointmentRoundTrip(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertAppointment(Self.appointment(), reminders: [Self.reminder("rem_1", offset: 86_400),
                                                                               Self.reminder("rem_2", offset: 3_600)])
            try await store.insertAppointment(Self.appointment("apt_2", startsAt: 50_000, status: "confirmed"), reminders: [])
            try await store.insertAppointment(Self.appointment("apt_3", startsAt: 200_000), reminders: [])
            #expect(try await store.appointment(id: "apt_1") == Self.appointment())
            #expect(try await store.scheduledSends(parentId: "apt_1").map(\.offsetSeconds) == [86_400, 3_600])
            #expect(try await store.appointments(status: nil, page: Page()).items.map(\.id) == ["apt_2", "apt_1", "apt_3"])
            #expect(try await store.appointments(status: "unconfirmed", page: Page()).items.map(\.id) == ["apt_1", "apt_3"])
            let window = Page(from: Sample.t(60_000), to: Sample.t(150_000))
            #expect(try await store.appointments(status: nil, page: window).items.map(\.id) == ["apt_1"])
            let first = try await store.appointments(status: nil, page: Page(limit: 2))
            #expect(try await store.appointments(status: nil, page: Page(limit: 2, after: first.next)).items.map(\.id) == ["apt_3"])
            #expect(await storageError { try await store.insertAppointment(Self.appointment(), reminders: []) }?.isConflict == true)
        }
    }

    @Test("appointments: moving one replaces its pending reminders; deleting skips them; sent ones stay", arguments: StoreFactory.all)
    func appointmentMoveAndDelete(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store) async throws in
            try await store.insertAppointment(Self.appointment(), reminders: [Self.reminder("rem_1", offset: 86_400),
                                                                               Self.reminder("rem_2", offset: 3_600)])
            let due = try await store.claimDueSends(worker: "w", limit: 5, lease: 30, now: Sample.t(100_000 - 86_400))
            #expect(due.map(\.id) == ["rem_1"])
            #expect(try await store.finishSend(id: "rem_1", state: .sent, reason: nil, messageId: "msg_r1", at: Sample.t(13_700)))
            #expect(try await store.appointment(reminderMessageId: "msg_r1")?.id == "apt_1")
            #expect(try await store.appointment(reminderMessageId: "msg_other") == nil)

            var moved = Self.appointment(startsAt: 300_000)
            moved.updatedAt = Sample.t(20_000)
            #expect(try await store.updateAppointment(moved, reminders: [Self.reminder("rem_3", offset: 3_600, startsAt: 300_000)]))
            let sends = try await store.scheduledSends(parentId: "apt_1")
            #expect(sends.map { "\($0.id):\($0.state.rawValue):\($0.reason ?? "")" }
                    == ["rem_1:sent:", "rem_2:skipped:appointment_moved", "rem_3:pending:"])
            #expect(try await store.appointment(id: "apt_1")?.startsAt == Sample.t(300_000))
            #expect(try await store.updateAppointment(Self.appointment("apt_none"), reminders: nil) == false)

            #expect(try await store.setAppointmentStatus(id: "apt_1", status: "flagged", note: "reschedule requested", at: Sample.t(20_001)))
            #expect(try await store.appointment(id: "apt_1")?.note == "reschedule requested")
            #expect(try await store.appointments(status: "flagged", page: Page()).items.map(\.id) == ["apt_1"])

            #expect(try await store.deleteAppointment(id: "apt_1", at: Sample.t(20_002)))
            #expect(try await store.deleteAppointment(id: "apt_1", at: Sample.t(20_003)) == false)
            #expect(try await store.appointment(id: "apt_1") == nil)
            #expect(try await store.scheduledSend(id: "rem_3")?.reason == "appointment_deleted")
            #expect(try await store.claimDueSends(worker: "w", limit: 5, lease: 30, now: Sample.t(400_000)).isEmpty)
        }
    }
}
