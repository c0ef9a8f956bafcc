import Foundation
import Messaging
import OptOut
import Storage
import Testing

@Suite("Replies to appointment reminders")
struct ReminderInboundTests {
    static let reminder = "Riverside: recordatorio de su cita el martes a las 3. Responda C para confirmar o CAMBIAR."

    @Test("YES to a reminder from a number that is not opted out confirms, with no opt-in text")
    func yesConfirms() async throws {
        try await Harness.run { h in
            try await h.patient("pat_1", phone: "+15552100020", lastText: "Reminder: your appointment is Tue 3pm. Reply C to confirm.")
            let result = try await h.processor().receive(from: "+15552100020", to: Harness.practiceNumber, body: "YES")
            #expect(result.reminderReply?.answer == .confirm)
            #expect(result.reply == nil && result.consent == nil)
            #expect(result.message.classification == "message")
        }
    }

    @Test("SÍ to a reminder confirms; it never opts in", arguments: ["SÍ", "si", "C", "Confirmar"])
    func siConfirms(_ body: String) async throws {
        try await Harness.run { h in
            try await h.patient("pat_es", phone: "+15552100021", lastText: Self.reminder)
            let result = try await h.processor().receive(from: "+15552100021", to: Harness.practiceNumber, body: body)
            #expect(result.reminderReply?.answer == .confirm)
            #expect(result.consent == nil && result.reply == nil)
        }
    }

    @Test("CANCELAR after a reminder opts out and flags the appointment for staff")
    func cancelar() async throws {
        try await Harness.run { h in
            try await h.patient("pat_es", phone: "+15552100022", lastText: Self.reminder)
            let result = try await h.processor().receive(from: "+15552100022", to: Harness.practiceNumber, body: "CANCELAR")
            #expect(result.consent?.action == "opt-out")
            #expect(result.message.reviewReason?.contains("possible appointment cancellation") == true)
            #expect(result.reply?.contains("INICIO") == true)
        }
    }

    @Test("CAMBIAR after a reminder is flagged for rescheduling and changes no consent")
    func cambiar() async throws {
        try await Harness.run { h in
            try await h.patient("pat_es", phone: "+15552100023", lastText: Self.reminder)
            let result = try await h.processor().receive(from: "+15552100023", to: Harness.practiceNumber, body: "Cambiar")
            #expect(result.reminderReply?.answer == .reschedule)
            #expect(result.message.reviewReason?.contains("reschedule") == true)
            #expect(result.consent == nil && result.reply == nil)
        }
    }

    @Test("YES from a number that is not answering a reminder is still an opt-in keyword")
    func yesElsewhere() async throws {
        try await Harness.run { h in
            let result = try await h.processor().receive(from: "+15552100024", to: Harness.practiceNumber, body: "YES")
            #expect(result.message.classification == "opt-in")
            #expect(result.reply != nil)
        }
    }
}
