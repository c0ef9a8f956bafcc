import OptOut
import Testing

@Suite("Reminder replies in English and Spanish")
struct ReminderReplyTests {
    let book = KeywordBook.builtin
    let classifier = KeywordClassifier()

    @Test("SÍ, SI, CONFIRMAR and C confirm and never opt in", arguments: ["SÍ", "SI", "sí", "Si.", "CONFIRMAR", "C", "Sí, gracias"])
    func spanishConfirm(_ text: String) {
        #expect(book.reminderReply(to: text)?.answer == .confirm, "\(text)")
        #expect(classifier.classify(text).intent == .message, "\(text)")
    }

    @Test("C, CONFIRM and YES confirm in English; YES stays an opt-in keyword", arguments: ["C", "CONFIRM", "YES"])
    func englishConfirm(_ text: String) {
        #expect(book.reminderReply(to: text)?.answer == .confirm)
        #expect(classifier.classify("YES").intent == .optIn)
    }

    @Test("CAMBIAR, R and RESCHEDULE ask to move the appointment", arguments: ["CAMBIAR", "cambiar", "R", "RESCHEDULE"])
    func reschedule(_ text: String) {
        #expect(book.reminderReply(to: text)?.answer == .reschedule)
        #expect(!classifier.classify(text).revokesConsent)
    }

    @Test("CANCELAR and CANCEL cancel and opt out", arguments: ["CANCELAR", "Cancelar.", "cancelar por favor", "CANCEL", "cancelr"])
    func cancel(_ text: String) {
        #expect(book.reminderReply(to: text)?.answer == .cancel, "\(text)")
        #expect(classifier.classify(text).revokesConsent, "\(text)")
    }

    @Test("CANCELAR after a reminder is flagged as a possible cancellation, as CANCEL is", arguments: ["CANCELAR", "CANCEL"])
    func cancelFlagged(_ text: String) throws {
        let reason = try #require(AppointmentReply.reviewReason(for: classifier.classify(text), answering: "Recordatorio: su cita es el martes a las 3"))
        #expect(reason.contains("possible appointment cancellation"))
        #expect(reason.contains(text))
    }

    @Test("CAMBIAR after a reminder is flagged for rescheduling")
    func rescheduleFlagged() throws {
        let reason = try #require(AppointmentReply.reviewReason(for: classifier.classify("CAMBIAR"), reminder: book.reminderReply(to: "CAMBIAR")))
        #expect(reason.contains("reschedule"))
    }

    @Test("ordinary texts are not reminder replies", arguments: ["¿Puedo cambiar la hora?", "ALTO", "sí puedo el martes", "Stop by at 3?"])
    func notReplies(_ text: String) {
        #expect(book.reminderReply(to: text) == nil)
    }

    @Test("Spanish reminders are recognised, and a word inside another is not a reminder word")
    func spanishReminders() {
        #expect(AppointmentReply.isReminder("Recordatorio: su cita con la Dra. Ruiz es mañana a las 9"))
        #expect(AppointmentReply.isReminder("Tiene una cita el martes"))
        #expect(!AppointmentReply.isReminder("¡Felicitaciones por su bebé!"))
    }
}
