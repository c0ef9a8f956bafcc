import Foundation

/// How scheduled texts go out: pacing, quiet hours and appointment reminders
/// (`pacing`, `quiet_hours` and `reminders` in the server settings).
public struct ScheduleSettings: Sendable, Equatable {
    /// Texts a second per sending number (`pacing.messages_per_second`).
    public var messagesPerSecond: Double = 1
    /// When broadcasts and reminders are not texted (`quiet_hours`).
    public var quietHours: QuietHours = .standard
    /// How long before an appointment each reminder goes (`reminders.offsets`), longest first.
    public var reminderOffsets: [TimeInterval] = [72 * 3600, 24 * 3600]
    /// The reminder template per language code (`reminders.template`); English and Spanish are shipped.
    public var reminderTemplates: [String: String] = ScheduleSettings.defaultReminderTemplates

    /// The defaults.
    public init() {}

    /// The shipped reminder texts. Placeholders: `firstName`, `practice.name`, `practice.phone`,
    /// `appointment.date`, `appointment.time`, `appointment.location`, `appointment.provider`.
    public static let defaultReminderTemplates = [
        "en": "{{practice.name}}: reminder of your appointment on {{appointment.date}} at {{appointment.time}}. Reply C to confirm or R to reschedule. Reply STOP to opt out.",
        "es": "{{practice.name}}: recordatorio de su cita el {{appointment.date}} a las {{appointment.time}}. Responda C para confirmar o CAMBIAR para cambiarla. Responda ALTO para no recibir mas.",
    ]

    /// Reads a duration such as `72h`, `24h`, `90m`, `30s` or `2d` (whole numbers); nil otherwise.
    public static func duration(_ text: String) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let unit = t.last, let n = Int(t.dropLast()), n > 0 else { return nil }
        switch unit {
        case "s": return TimeInterval(n)
        case "m": return TimeInterval(n) * 60
        case "h": return TimeInterval(n) * 3600
        case "d": return TimeInterval(n) * 86_400
        default: return nil
        }
    }
}
