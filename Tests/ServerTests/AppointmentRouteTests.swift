import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messaging
import Server
import Storage
import Testing

@Suite("Appointment routes")
struct AppointmentRouteTests {
    static var config: ServerConfig {
        var c = ServerConfig()
        c.schedule.messagesPerSecond = 1000
        c.schedule.reminderOffsets = [24 * 3600, 2 * 3600]
        c.schedule.quietHours = QuietHours(startMinute: 0, endMinute: 0)
        return c
    }

    @Test("an appointment gets reminders at the offsets; moving it replaces them; the reminder goes; C confirms; lists filter by status")
    func lifecycle() async throws {
        try await withServer(config: Self.config) { h, client in
            let key = h.keys.sender
            let ana = try await client.makePatient(key)
            let start = h.clock.read().addingTimeInterval(3 * 86_400)
            let created = try await client.call(.post, "/v1/appointments", key: key,
                                                json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"\(APITimeText.string(start))\",\"location\":\"Suite 2\"}")
            #expect(created.status == .created, "\(created)")
            let id = try #require(created.json["id"] as? String)
            let reminders = try #require(created.json["reminders"] as? [[String: Any]])
            #expect(reminders.compactMap { $0["dueAt"] as? String }
                    == [APITimeText.string(start.addingTimeInterval(-86_400)), APITimeText.string(start.addingTimeInterval(-7_200))])

            let moved = start.addingTimeInterval(86_400)
            h.clock.advance(1)
            let patched = try await client.call(.patch, "/v1/appointments/\(id)", key: key,
                                                json: "{\"startsAt\":\"\(APITimeText.string(moved))\"}")
            #expect(patched.status == .ok, "\(patched)")
            let states = (patched.json["reminders"] as? [[String: Any]])?.map { "\($0["state"] ?? "")/\($0["reason"] as? String ?? "")" }
            #expect(states == ["skipped/appointment_moved", "skipped/appointment_moved", "pending/", "pending/"])

            h.clock.advance(moved.addingTimeInterval(-86_400).timeIntervalSince(h.clock.read()))
            try await h.state.scheduler.runDue()
            let sent = try await h.store.outbox(includeAcked: true)
            #expect(sent.count == 1, "only the new 24-hour reminder")
            #expect(sent.first?.body.contains("reminder of your appointment") == true)

            #expect(try await client.inbound(h.keys.provider, from: "+15552102001", body: "C").status == .ok)
            let confirmed = try await client.call(.get, "/v1/appointments?status=confirmed", key: key)
            #expect((confirmed.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id], "\(confirmed)")
            #expect(((try await client.call(.get, "/v1/appointments?status=unconfirmed", key: key)).json["items"] as? [Any])?.isEmpty == true)

            #expect(try await client.call(.delete, "/v1/appointments/\(id)", key: key).status == .noContent)
            #expect(try await client.call(.get, "/v1/appointments/\(id)", key: key).errorCode == "appointment_not_found")
            #expect(try await h.store.scheduledSends(parentId: id).last?.reason == "appointment_deleted")
        }
    }

    @Test("R after a reminder flags the appointment for staff")
    func reschedule() async throws {
        try await withServer(config: Self.config) { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let start = h.clock.read().addingTimeInterval(3_600 * 3)
            let created = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                                json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"\(APITimeText.string(start))\"}")
            let id = try #require(created.json["id"] as? String)
            h.clock.advance(3_600)
            try await h.state.scheduler.runDue()
            #expect(try await client.inbound(h.keys.provider, from: "+15552102001", body: "R").status == .ok)
            let flagged = try await client.call(.get, "/v1/appointments/\(id)", key: h.keys.sender)
            #expect(flagged.json["status"] as? String == "flagged", "\(flagged)")
            #expect((flagged.json["note"] as? String)?.contains("reschedule") == true)
        }
    }

    @Test("bad appointment requests: a past start, an unknown recipient, a bad status filter")
    func refusals() async throws {
        try await withServer(config: Self.config) { h, client in
            let ana = try await client.makePatient(h.keys.sender)
            let past = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                             json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"2001-01-01T00:00:00Z\"}")
            #expect(past.status == .unprocessableContent, "\(past)")
            let nobody = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                               json: #"{"recipient":"pat_none","startsAt":"2031-01-01T00:00:00Z"}"#)
            #expect(nobody.errorCode == "recipient_not_found")
            let time = try await client.call(.post, "/v1/appointments", key: h.keys.sender,
                                             json: "{\"recipient\":\"\(ana)\",\"startsAt\":\"tomorrow\"}")
            #expect(time.status == .badRequest && time.message.contains("startsAt"))
            #expect(try await client.call(.get, "/v1/appointments?status=maybe", key: h.keys.sender).status == .badRequest)
        }
    }
}
