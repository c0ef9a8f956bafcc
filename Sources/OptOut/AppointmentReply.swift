/// Recognises an outbound text that is an appointment reminder, and what staff must know about
/// the reply to it: a CANCEL or CANCELAR opts out and is flagged as a possible cancellation, a
/// CAMBIAR or RESCHEDULE asks for a new time, a free-text revocation is always flagged.
public enum AppointmentReply {
    /// Words (and `prefix*`) of a reminder, in English and Spanish.
    static let words = ["appointment*", "appt*", "visit*", "reschedul*", "scheduled", "check in", "cita", "citas",
                        "recordatorio*", "consulta"]

    /// Whether `outbound` reads like an appointment reminder.
    public static func isReminder(_ outbound: String) -> Bool {
        let text = " " + MatchText(outbound).words.joined(separator: " ") + " "
        return words.contains { word in
            word.hasSuffix("*") ? text.contains(" " + word.dropLast()) : text.contains(" " + word + " ")
        }
    }

    /// The staff-review reason for an inbound text, given the last outbound text it answers.
    public static func reviewReason(for classification: InboundClassification, answering outbound: String?,
                                    book: KeywordBook = .builtin) -> String? {
        let reply = outbound.map(isReminder) == true ? book.reminderReply(to: classification.trigger ?? "") : nil
        return reviewReason(for: classification, reminder: reply)
    }

    /// The staff-review reason for an inbound text, given its answer to a reminder (nil when it
    /// answers none).
    public static func reviewReason(for classification: InboundClassification, reminder: ReminderReply?) -> String? {
        switch (classification.intent, reminder?.answer) {
        case (.optOut, .cancel?), (.revocation, .cancel?):
            return "possible appointment cancellation: the patient replied \(reminder!.keyword) to an appointment reminder and was opted out"
        case (.revocation, _):
            return "free-text opt-out (\"\(classification.trigger ?? "")\"): the patient was opted out; confirm with them if unsure"
        case (_, .reschedule?):
            return "reschedule requested: the patient replied \(reminder!.keyword) to an appointment reminder"
        default:
            return nil
        }
    }
}
