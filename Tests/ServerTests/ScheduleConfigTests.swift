import Foundation
import Messaging
import Server
import Testing

@Suite("ServerConfig: pacing, quiet hours, reminders, the practice's time zone")
struct ScheduleConfigTests {
    static func load(_ yaml: String) throws -> ServerConfig {
        let temp = try TempDir()
        defer { temp.remove() }
        try yaml.write(toFile: temp.path("c.yml"), atomically: true, encoding: .utf8)
        return try ServerConfig.load(path: temp.path("c.yml"))
    }

    @Test("the settings load: rate, window, offsets longest first, templates per language, time zone")
    func loads() throws {
        let c = try Self.load("""
        practice: {time_zone: America/Chicago}
        pacing: {messages_per_second: 2.5}
        quiet_hours: {start: "20:30", end: "09:00"}
        reminders: {offsets: [90m, 72h, 30s], template: {en: "See you {{appointment.date}}", es: "Nos vemos {{appointment.date}}"}}
        """)
        #expect(c.practice.timeZone.identifier == "America/Chicago")
        #expect(c.schedule.messagesPerSecond == 2.5)
        #expect(c.schedule.quietHours == QuietHours(startMinute: 20 * 60 + 30, endMinute: 9 * 60))
        #expect(c.schedule.reminderOffsets == [259_200, 5_400, 30])
        #expect(c.schedule.reminderTemplates == ["en": "See you {{appointment.date}}", "es": "Nos vemos {{appointment.date}}"])
    }

    @Test("the defaults: one a second, 21:00 to 08:00, 72h and 24h, English and Spanish reminders, UTC")
    func defaults() throws {
        let c = try Self.load("practice: {name: Clinic}\n")
        #expect(c.schedule.messagesPerSecond == 1)
        #expect(c.schedule.quietHours == .standard)
        #expect(c.schedule.reminderOffsets == [259_200, 86_400])
        #expect(c.schedule.reminderTemplates.keys.sorted() == ["en", "es"])
        #expect(c.practice.timeZone == TimeZone(identifier: "UTC"))
        // One English text keeps the shipped Spanish one.
        let one = try Self.load("reminders: {template: \"Hi {{firstName}}\"}\n")
        #expect(one.schedule.reminderTemplates["en"] == "Hi {{firstName}}" && one.schedule.reminderTemplates["es"] != nil)
    }

    @Test("an unknown zone, a bad duration, a bad time or rate, a broken template are errors naming the key",
          arguments: [("practice: {time_zone: Mars/Olympus}\n", "practice.time_zone"),
                      ("reminders: {offsets: [1 day]}\n", "reminders.offsets"),
                      ("reminders: {offsets: []}\n", "reminders.offsets"),
                      ("reminders: {template: \"Hi {{#x}}\"}\n", "reminders.template"),
                      ("reminders: {cadence: 2}\n", "reminders.cadence"),
                      ("quiet_hours: {start: \"9pm\"}\n", "quiet_hours.start"),
                      ("pacing: {messages_per_second: 0}\n", "pacing.messages_per_second"),
                      ("pacing: 5\n", "`pacing`")])
    func errors(_ yaml: String, _ key: String) throws {
        #expect { try Self.load(yaml) } throws: { error in
            (error as? ConfigError)?.message.contains(key) == true
        }
    }
}
