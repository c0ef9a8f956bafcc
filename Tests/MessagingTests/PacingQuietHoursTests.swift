import Foundation
import Messaging
import Testing

@Suite("Pacing and quiet hours")
struct PacingQuietHoursTests {
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let losAngeles = TimeZone(identifier: "America/Los_Angeles")!

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("the pacer spaces texts from one number at the set rate, and numbers do not wait for each other")
    func pacing() async throws {
        let clock = ManualClock(Self.utc("2026-03-10T15:00:00Z"))
        let pacer = Pacer(messagesPerSecond: 4, clock: clock)
        var slots: [Date] = []
        for _ in 0..<5 { slots.append(try await pacer.wait(for: "+12015550111")) }
        let start = Self.utc("2026-03-10T15:00:00Z")
        #expect(slots.map { $0.timeIntervalSince(start) } == [0, 0.25, 0.5, 0.75, 1.0])
        #expect(clock.now() == start.addingTimeInterval(1.0), "the clock was waited on, not skipped")
        // Another number has its own pace: it goes at once.
        #expect(try await pacer.wait(for: "+12015550112") == clock.now())
        // After a pause the number sends at once again.
        clock.advance(by: 10)
        #expect(try await pacer.wait(for: "+12015550111") == clock.now())
    }

    @Test("21:30 in New York is quiet while it is 18:30 in Los Angeles; the New York text goes at 08:00 New York time")
    func acrossZones() {
        let quiet = QuietHours.standard
        let now = Self.utc("2026-03-10T01:30:00Z") // 21:30 EDT on 9 March, 18:30 PDT
        #expect(quiet.isQuiet(now, in: Self.newYork))
        #expect(!quiet.isQuiet(now, in: Self.losAngeles))
        #expect(quiet.nextAllowed(after: now, in: Self.newYork) == Self.utc("2026-03-10T12:00:00Z"))
        #expect(quiet.nextAllowed(after: now, in: Self.losAngeles) == now)
        // Three hours later it is quiet in Los Angeles too (21:30 PDT), until 08:00 PDT.
        let later = now.addingTimeInterval(3 * 3600)
        #expect(quiet.isQuiet(later, in: Self.losAngeles))
        #expect(quiet.nextAllowed(after: later, in: Self.losAngeles) == Self.utc("2026-03-10T15:00:00Z"))
    }

    @Test("quiet hours follow daylight saving time: 08:00 is 13:00 UTC in winter and 12:00 UTC in summer")
    func daylightSaving() {
        let quiet = QuietHours.standard
        #expect(quiet.nextAllowed(after: Self.utc("2026-01-15T05:00:00Z"), in: Self.newYork) == Self.utc("2026-01-15T13:00:00Z"))
        #expect(quiet.nextAllowed(after: Self.utc("2026-07-15T05:00:00Z"), in: Self.newYork) == Self.utc("2026-07-15T12:00:00Z"))
    }

    @Test("a reminder due in quiet hours moves to the last allowed moment before it, never after")
    func reminderMovesEarlier() {
        let quiet = QuietHours.standard
        // Due 07:00 New York time (11:00Z in March, EDT): moved to 20:59:59 the evening before.
        let due = Self.utc("2026-03-20T11:00:00Z")
        #expect(quiet.lastAllowed(atOrBefore: due, in: Self.newYork) == Self.utc("2026-03-20T00:59:59Z"))
        let allowed = Self.utc("2026-03-20T15:00:00Z")
        #expect(quiet.lastAllowed(atOrBefore: allowed, in: Self.newYork) == allowed)
    }

    @Test("quiet hours that do not wrap midnight, and equal start and end, which is never quiet")
    func otherWindows() {
        let lunch = QuietHours(start: "12:00", end: "13:00")!
        #expect(lunch.isQuiet(Self.utc("2026-03-10T12:30:00Z"), in: TimeZone(identifier: "UTC")!))
        #expect(!lunch.isQuiet(Self.utc("2026-03-10T13:00:00Z"), in: TimeZone(identifier: "UTC")!))
        #expect(!QuietHours(startMinute: 600, endMinute: 600).isQuiet(Self.utc("2026-03-10T10:00:00Z"), in: TimeZone(identifier: "UTC")!))
        #expect(QuietHours(start: "25:00", end: "08:00") == nil)
        #expect(QuietHours(start: "9:00", end: "08:00") == nil)
    }

    @Test("durations read as the settings write them")
    func durations() {
        #expect(ScheduleSettings.duration("72h") == 259_200)
        #expect(ScheduleSettings.duration("90m") == 5_400)
        #expect(ScheduleSettings.duration("30s") == 30)
        #expect(ScheduleSettings.duration("2d") == 172_800)
        #expect(ScheduleSettings.duration("1.5h") == nil)
        #expect(ScheduleSettings.duration("h") == nil)
        #expect(ScheduleSettings.duration("0h") == nil)
    }
}
