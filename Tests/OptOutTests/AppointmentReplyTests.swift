import OptOut
import Testing

@Suite("AppointmentReply")
struct AppointmentReplyTests {
    let classifier = KeywordClassifier()

    @Test("appointment reminders are recognised",
          arguments: ["Reminder: your appointment is Tue 3pm.", "Your appt with Dr. Lee is tomorrow", "Your visit is scheduled for 9am",
                      "Please check in 15 minutes early", "Need to reschedule? Call us"])
    func reminders(_ text: String) {
        #expect(AppointmentReply.isReminder(text))
    }

    @Test("other texts are not reminders", arguments: ["Your lab results are ready", "Your prescription is ready for pickup"])
    func notReminders(_ text: String) {
        #expect(!AppointmentReply.isReminder(text))
    }

    @Test("CANCEL answering a reminder is flagged as a possible cancellation")
    func cancelAfterReminder() throws {
        let reason = try #require(AppointmentReply.reviewReason(for: classifier.classify("cancel."), answering: "Reminder: your appointment is Tue 3pm."))
        #expect(reason.contains("possible appointment cancellation"))
    }

    @Test("CANCEL answering nothing, or a text that is not a reminder, is not flagged")
    func cancelElsewhere() {
        #expect(AppointmentReply.reviewReason(for: classifier.classify("CANCEL"), answering: nil) == nil)
        #expect(AppointmentReply.reviewReason(for: classifier.classify("CANCEL"), answering: "Your lab results are ready") == nil)
    }

    @Test("STOP answering a reminder is not a cancellation")
    func stopAfterReminder() {
        #expect(AppointmentReply.reviewReason(for: classifier.classify("STOP"), answering: "Your appointment is Tue 3pm") == nil)
    }

    @Test("a free-text revocation is always flagged for staff, naming the phrase")
    func revocationFlagged() throws {
        let reason = try #require(AppointmentReply.reviewReason(for: classifier.classify("please stop texting me"), answering: nil))
        #expect(reason.contains("free-text opt-out"))
        #expect(reason.contains("stop texting"))
    }

    @Test("ordinary messages and keywords other than CANCEL are not flagged")
    func notFlagged() {
        for text in ["Yes I can come", "START", "HELP", "Stop by at 3?"] {
            #expect(AppointmentReply.reviewReason(for: classifier.classify(text), answering: "Your appointment is Tue") == nil, "\(text)")
        }
    }
}
