/// A patient's answer to an appointment reminder: `C`, `CONFIRM`, `YES`, `SÍ` confirm it; `R`,
/// `RESCHEDULE`, `CAMBIAR` ask staff to move it; `CANCEL`, `CANCELAR` cancel it, and, being
/// opt-out keywords, also end texting.
public struct ReminderReply: Sendable, Equatable {
    /// What the answer asks for.
    public enum Answer: String, Sendable, Equatable, CaseIterable {
        /// Keep the appointment.
        case confirm
        /// Move it: staff call the patient.
        case reschedule
        /// Cancel it (and stop texting).
        case cancel
    }

    /// What the answer asks for.
    public var answer: Answer
    /// The reply word as listed, upper case.
    public var keyword: String
    /// The language that lists it.
    public var language: LanguageCode

    /// A reply.
    public init(answer: Answer, keyword: String, language: LanguageCode) {
        self.answer = answer; self.keyword = keyword; self.language = language
    }
}

extension KeywordBook {
    /// The answer `text` gives when it replies to an appointment reminder, or nil when it is not
    /// a reminder reply ("Sí, gracias" confirms; "¿Puedo cambiar la hora?" is for staff to read).
    public func reminderReply(to text: String) -> ReminderReply? {
        let words = MatchText(text).words[...]
        for candidate in [words, classes.strippingPolite(words)] where !candidate.isEmpty {
            if let reply = reminders[candidate.joined(separator: " ")] { return reply }
        }
        // A misspelt or polite CANCELAR is still the opt-out keyword, and still cancels.
        let classification = KeywordClassifier(book: self).classify(text)
        if classification.revokesConsent, let trigger = classification.trigger, let reply = reminders[MatchText.fold(trigger)],
           reply.answer == .cancel {
            return reply
        }
        return nil
    }
}
