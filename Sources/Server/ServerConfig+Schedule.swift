import Foundation
import Messaging

extension ScheduleSettings {
    /// The `pacing`, `quiet_hours` and `reminders` sections of the server settings.
    /// - Throws: `ConfigError` naming the key and what is wrong.
    static func load(_ root: [String: Any], path: String) throws(ConfigError) -> ScheduleSettings {
        var settings = ScheduleSettings()
        func map(_ name: String, _ keys: [String]) throws(ConfigError) -> [String: Any] {
            guard let raw = root[name] else { return [:] }
            guard let m = raw as? [String: Any] else { throw ConfigError(path: path, message: "`\(name)` must be a mapping") }
            for k in m.keys where !keys.contains(k) {
                throw ConfigError(path: path, message: "unknown key `\(name).\(k)`; expected one of \(keys.joined(separator: ", "))")
            }
            return m
        }
        let pacing = try map("pacing", ["messages_per_second"])
        if let raw = pacing["messages_per_second"] {
            guard let rate = Double("\(raw)"), rate > 0, rate <= 1000 else {
                throw ConfigError(path: path, message: "`pacing.messages_per_second` must be a number above 0 and at most 1000, not `\(raw)`")
            }
            settings.messagesPerSecond = rate
        }
        let quiet = try map("quiet_hours", ["start", "end"])
        func minute(_ key: String, _ fallback: Int) throws(ConfigError) -> Int {
            guard let raw = quiet[key] else { return fallback }
            // Unquoted, YAML 1.1 reads 21:00 as the number 1260 (21 × 60): minutes after midnight.
            if let n = raw as? Int, (0..<1440).contains(n) { return n }
            guard let m = QuietHours.minutes("\(raw)") else {
                throw ConfigError(path: path, message: "`quiet_hours.\(key)` must be a time of day as \"HH:MM\" (such as \"21:00\"), not `\(raw)`")
            }
            return m
        }
        settings.quietHours = QuietHours(startMinute: try minute("start", settings.quietHours.start),
                                         endMinute: try minute("end", settings.quietHours.end))
        let reminders = try map("reminders", ["offsets", "template"])
        if let raw = reminders["offsets"] {
            guard let list = raw as? [Any], !list.isEmpty else {
                throw ConfigError(path: path, message: "`reminders.offsets` must be a list of durations such as [72h, 24h, 90m]")
            }
            var offsets: [TimeInterval] = []
            for item in list {
                guard let d = ScheduleSettings.duration("\(item)") else {
                    throw ConfigError(path: path, message: "`reminders.offsets` entry `\(item)` is not a duration; write a whole number and a unit: 72h, 24h, 90m, 30s or 2d")
                }
                offsets.append(d)
            }
            settings.reminderOffsets = Array(Set(offsets)).sorted(by: >)
        }
        if let raw = reminders["template"] {
            if let text = raw as? String {
                // One text is the English one; the shipped Spanish one stays for Spanish speakers.
                settings.reminderTemplates["en"] = text
            } else if let variants = raw as? [String: Any], !variants.isEmpty, variants.values.allSatisfy({ $0 is String }) {
                for (code, text) in variants {
                    guard let language = LanguageCodeText.code(code) else {
                        throw ConfigError(path: path, message: "`reminders.template.\(code)` is not under a language code; use one such as `en` or `es`")
                    }
                    settings.reminderTemplates[language] = text as? String
                }
            } else {
                throw ConfigError(path: path, message: "`reminders.template` must be a text, or a mapping of language codes to texts ({en: ..., es: ...})")
            }
            for (code, text) in settings.reminderTemplates {
                if let problem = TemplateRendering.problem(in: text) {
                    throw ConfigError(path: path, message: "`reminders.template` (\(code)) is not a valid Mustache template: \(problem)")
                }
            }
        }
        return settings
    }
}

/// Language codes in settings.
enum LanguageCodeText {
    /// The primary code of a BCP 47 tag, or nil.
    static func code(_ text: String) -> String? {
        guard let first = text.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return first.lowercased()
    }
}
