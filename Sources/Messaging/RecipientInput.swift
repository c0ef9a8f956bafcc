import Foundation
import Reporting
import OptOut
import Rules
import Storage

/// Address-book fields as a caller sends them, before validation.
public struct RecipientInput: Sendable, Equatable, Codable {
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String?
    /// Any usual way of writing a phone number.
    public var cellPhone: String?
    /// E-mail address.
    public var email: String?
    /// The language texts go out in (BCP 47, e.g. `es`).
    public var language: String?
    /// The recipient's IANA time zone, e.g. `America/Chicago`.
    public var timeZone: String?

    /// Fields.
    public init(firstName: String? = nil, lastName: String? = nil, dateOfBirth: String? = nil,
                cellPhone: String? = nil, email: String? = nil, language: String? = nil, timeZone: String? = nil) {
        self.firstName = firstName; self.lastName = lastName; self.dateOfBirth = dateOfBirth
        self.cellPhone = cellPhone; self.email = email; self.language = language; self.timeZone = timeZone
    }

    /// The validated, normalised fields applied to `recipient` (nil fields in a PATCH keep
    /// the old value; empty strings clear it).
    /// - Throws: `SendError` `invalid_field` naming every invalid field.
    public func apply(to recipient: Recipient, today: Date) throws(SendError) -> Recipient {
        var r = recipient
        var problems: [String: String] = [:]
        // A control character would be cut or shown differently where the field is used (a
        // NUL ends the name in some stores), so none is accepted, trimmed or not.
        for (field, value) in [("firstName", firstName), ("lastName", lastName), ("dateOfBirth", dateOfBirth),
                               ("cellPhone", cellPhone), ("email", email), ("language", language),
                               ("timeZone", timeZone)] {
            if let problem = ControlCharacters.fieldProblem(value) { problems[field] = problem }
        }
        func clean(_ s: String?) -> String?? {
            guard let s else { return .none }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return .some(t.isEmpty ? nil : t)
        }
        if case .some(let v) = clean(firstName) { r.firstName = v }
        if case .some(let v) = clean(lastName) { r.lastName = v }
        if case .some(let v) = clean(dateOfBirth) {
            if let v, !RecipientInput.isPastDate(v, today: today) {
                problems["dateOfBirth"] = "`\(v)` is not a real past date written YYYY-MM-DD"
            } else { r.dateOfBirth = v }
        }
        if case .some(let v) = clean(cellPhone) {
            if let v {
                if let e164 = PhoneNumber.e164(v) { r.cellPhone = e164 } else {
                    problems["cellPhone"] = "`\(v)` is not a phone number; write it like (555) 555-0123 or +15555550120"
                }
            } else { r.cellPhone = nil }
        }
        if case .some(let v) = clean(email) {
            if let v, !RecipientInput.isEmail(v) { problems["email"] = "`\(v)` is not an e-mail address" } else { r.email = v?.lowercased() }
        }
        if case .some(let v) = clean(language) {
            if let v, LanguageCode(rawValue: v) == nil {
                problems["language"] = "`\(v)` is not a language tag; write one such as `es` or `en-US`"
            } else { r.language = v }
        }
        if case .some(let v) = clean(timeZone) {
            if let v, TimeZone(identifier: v) == nil {
                problems["timeZone"] = "`\(v)` is not an IANA time zone; write one such as `America/New_York`"
            } else { r.timeZone = v }
        }
        guard problems.isEmpty else {
            throw SendError(.invalid, code: "invalid_field",
                            message: "Invalid " + problems.keys.sorted().joined(separator: ", ") + ": " + problems.keys.sorted().map { problems[$0]! }.joined(separator: "; "),
                            details: .invalidFields(problems))
        }
        return r
    }

    /// A real calendar date, `YYYY-MM-DD`, before today.
    public static func isPastDate(_ s: String, today: Date) -> Bool {
        let parts = s.split(separator: "-")
        guard s.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, y >= 1900 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == y && back.month == m && back.day == d && date < today
    }

    /// A plausible e-mail address: one `@`, a dotted domain, no spaces.
    public static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !s.contains(where: { $0.isWhitespace })
    }
}

/// JSON string quoting for hand-built JSON (the reporters' escaping).
public enum JSONText {
    /// `s` as a JSON string literal.
    public static func quote(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return w.text
    }
}
