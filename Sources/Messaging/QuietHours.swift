import Foundation

/// The hours in which broadcasts and reminders are not texted (`quiet_hours`, 21:00 to 08:00 by
/// default, as the TCPA requires), read in the recipient's time zone.
public struct QuietHours: Sendable, Equatable {
    /// Start, in minutes after midnight.
    public var start: Int
    /// End (the window opens), in minutes after midnight.
    public var end: Int

    /// 21:00 to 08:00.
    public static let standard = QuietHours(startMinute: 21 * 60, endMinute: 8 * 60)

    /// Quiet hours from minutes after midnight; equal values mean never quiet.
    public init(startMinute: Int, endMinute: Int) {
        self.start = startMinute
        self.end = endMinute
    }

    /// Quiet hours from `HH:MM` texts; nil when either is not a time of day.
    public init?(start: String, end: String) {
        guard let s = Self.minutes(start), let e = Self.minutes(end) else { return nil }
        self.init(startMinute: s, endMinute: e)
    }

    /// Minutes after midnight of `HH:MM` (00:00 to 23:59), or nil.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    /// Whether `date` falls in quiet hours in `zone`.
    public func isQuiet(_ date: Date, in zone: TimeZone) -> Bool {
        guard start != end else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        return start < end ? (minute >= start && minute < end) : (minute >= start || minute < end)
    }

    /// `date` when it is not quiet, else the moment the window opens again.
    public func nextAllowed(after date: Date, in zone: TimeZone) -> Date {
        guard isQuiet(date, in: zone) else { return date }
        return Self.calendar(zone).nextDate(after: date, matching: DateComponents(hour: end / 60, minute: end % 60, second: 0),
                                            matchingPolicy: .nextTime) ?? date
    }

    /// `date` when it is not quiet, else the last allowed moment before it: one second before
    /// the quiet hours it falls in began.
    public func lastAllowed(atOrBefore date: Date, in zone: TimeZone) -> Date {
        guard isQuiet(date, in: zone) else { return date }
        let began = Self.calendar(zone).nextDate(after: date, matching: DateComponents(hour: start / 60, minute: start % 60, second: 0),
                                                 matchingPolicy: .nextTime, direction: .backward) ?? date
        return began.addingTimeInterval(-1)
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
