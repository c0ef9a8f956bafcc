import Foundation
import Mustache
import OptOut
import Storage

/// Renders broadcast and reminder templates (Mustache, as plain text: nothing is HTML-escaped).
public enum TemplateRendering {
    /// The template for a recipient: their language's, else the practice's, else English, else
    /// the first by language code.
    public static func choose(_ templates: [String: String], recipient: Recipient?, practice: Practice) -> String? {
        let own = recipient?.language.flatMap { LanguageCode(rawValue: $0) }?.rawValue
        for code in [own, practice.language.rawValue, "en"] {
            if let code, let t = templates[code] { return t }
        }
        return templates.keys.sorted().first.flatMap { templates[$0] }
    }

    /// Whether `template` parses as Mustache; the parser's complaint when it does not.
    public static func problem(in template: String) -> String? {
        do { _ = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + template); return nil } catch {
            return String(describing: error)
        }
    }

    /// The values a template sees for a recipient: `firstName`, `lastName`, `practice.name`,
    /// `practice.phone`, and for a reminder `appointment.date`, `.time`, `.location`, `.provider`,
    /// written in the recipient's time zone (else the practice's) and language.
    public static func values(recipient: Recipient, practice: Practice, appointment: Appointment? = nil) -> [String: Any] {
        var values: [String: Any] = [
            "firstName": recipient.firstName ?? "", "lastName": recipient.lastName ?? "",
            "practice": ["name": practice.name, "phone": practice.phone],
        ]
        if let appointment {
            let zone = recipient.timeZone.flatMap(TimeZone.init(identifier:)) ?? practice.timeZone
            let language = recipient.language.flatMap { LanguageCode(rawValue: $0) } ?? practice.language
            let shown = PatientTime(zone: zone, language: language)
            values["appointment"] = ["date": shown.date(appointment.startsAt), "time": shown.time(appointment.startsAt),
                                     "location": appointment.location ?? "", "provider": appointment.provider ?? ""]
        }
        return values
    }

    /// `template` rendered with `values`.
    /// - Throws: the Mustache parse error.
    public static func render(_ template: String, _ values: [String: Any]) throws -> String {
        try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}" + template).render(values)
    }
}

/// Dates and times as a patient reads them: in their time zone and language.
public struct PatientTime: Sendable {
    /// The zone times are shown in.
    public var zone: TimeZone
    /// The language of month and day names.
    public var language: LanguageCode

    /// Times in `zone`, worded in `language`.
    public init(zone: TimeZone, language: LanguageCode) {
        self.zone = zone
        self.language = language
    }

    /// `Tuesday, March 3` (English) or `martes, 3 de marzo` (Spanish).
    public func date(_ d: Date) -> String { format(d, language == .es ? "EEEE, d 'de' MMMM" : "EEEE, MMMM d") }

    /// `3:30 PM EST` (English) or `15:30 EST` (Spanish), with the zone's abbreviation.
    public func time(_ d: Date) -> String { format(d, language == .es ? "HH:mm zzz" : "h:mm a zzz") }

    private func format(_ d: Date, _ pattern: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: language == .es ? "es_US" : "en_US")
        f.timeZone = zone
        f.dateFormat = pattern
        return f.string(from: d)
    }
}
