/// Recognises an outbound text that is an appointment reminder, so that a CANCEL in reply is
/// flagged for staff as a possible cancellation as well as honoured as an opt-out.
public enum AppointmentReply {
    static let words = ["appointment", "appt", "visit", "reschedule", "scheduled", "check-in", "check in"]

    /// Whether `outbound` reads like an appointment reminder.
    public static func isReminder(_ outbound: String) -> Bool {
        let lower = outbound.lowercased()
        return words.contains { lower.contains($0) }
    }

    /// The staff-review reason for an inbound text, given the last outbound text it answers.
    public static func reviewReason(for classification: InboundClassification, answering outbound: String?) -> String? {
        switch classification.intent {
        case .revocation:
            return "free-text opt-out (\"\(classification.trigger ?? "")\"): the patient was opted out; confirm with them if unsure"
        case .optOut where classification.trigger == "CANCEL" && outbound.map(isReminder) == true:
            return "possible appointment cancellation: the patient replied CANCEL to an appointment reminder and was opted out"
        default:
            return nil
        }
    }
}
