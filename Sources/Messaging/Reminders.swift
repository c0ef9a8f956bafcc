import Foundation
import Storage

/// When an appointment's reminders go out.
public enum Reminders {
    /// One pending reminder per offset in `settings`: due that long before the start, moved out of
    /// quiet hours (in the recipient's zone, else the practice's) to the last allowed moment
    /// before it, never after the appointment. Reminders whose moment has passed at `now` are left out.
    public static func schedule(_ appointment: Appointment, recipient: Recipient, settings: ScheduleSettings,
                                practice: Practice, now: Date) -> [ScheduledSend] {
        let zone = recipient.timeZone.flatMap(TimeZone.init(identifier:)) ?? practice.timeZone
        var out: [ScheduledSend] = []
        for offset in settings.reminderOffsets.sorted(by: >) {
            let due = settings.quietHours.lastAllowed(atOrBefore: appointment.startsAt.addingTimeInterval(-offset), in: zone)
            guard due >= now, due < appointment.startsAt else { continue }
            out.append(ScheduledSend(id: Identifier.make("rem"), source: .reminder, parentId: appointment.id,
                                     recipientId: appointment.recipientId, offsetSeconds: Int(offset), dueAt: due, createdAt: now))
        }
        return out
    }
}
