import Foundation

/// Dates as stored: ISO-8601 UTC text with exactly three fractional digits,
/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
///
/// Fixed width, so text order is time order and range filters compare strings. Values are
/// rounded to the millisecond, and a stored value reads back as the same millisecond.
/// Formatting is done by hand (no formatter objects, so nothing to share between threads).
/// The SQLite store keeps dates in this form; PostgreSQL reads it too (`COPY` of audit records).
package enum Timestamp {
    /// 0000-01-01T00:00:00.000Z in Unix milliseconds.
    package static let minMillis: Int64 = -62_167_219_200_000
    /// 9999-12-31T23:59:59.999Z in Unix milliseconds.
    package static let maxMillis: Int64 = 253_402_300_799_999

    /// The text for a date, rounded to the millisecond (clamped to years 0000…9999).
    package static func text(_ date: Date) -> String {
        text(millis: millis(date))
    }

    /// A date's Unix time in milliseconds, rounded and clamped to the storable range.
    package static func millis(_ date: Date) -> Int64 {
        let raw = (date.timeIntervalSince1970 * 1000).rounded()
        guard raw.isFinite else { return raw < 0 ? minMillis : (raw > 0 ? maxMillis : 0) }
        if raw <= Double(minMillis) { return minMillis }
        if raw >= Double(maxMillis) { return maxMillis }
        return Int64(raw)
    }

    /// The text for Unix milliseconds in the storable range.
    package static func text(millis: Int64) -> String {
        let days = floorDiv(millis, 86_400_000)
        let msOfDay = millis - days * 86_400_000
        let (y, m, d) = civil(fromDays: days)
        let h = msOfDay / 3_600_000, mi = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000
        // Written as bytes: every stored record has one, and interpolation allocated a string per field.
        var b = [UInt8](repeating: 0, count: 24)
        digits(y, 4, into: &b, at: 0); b[4] = 0x2D
        digits(m, 2, into: &b, at: 5); b[7] = 0x2D
        digits(d, 2, into: &b, at: 8); b[10] = 0x54
        digits(h, 2, into: &b, at: 11); b[13] = 0x3A
        digits(mi, 2, into: &b, at: 14); b[16] = 0x3A
        digits(s, 2, into: &b, at: 17); b[19] = 0x2E
        digits(ms, 3, into: &b, at: 20); b[23] = 0x5A
        return String(decoding: b, as: UTF8.self)
    }

    /// Writes `v` (0 through 10^width - 1: years are clamped to 0000…9999) as `width` decimal digits.
    private static func digits(_ v: Int64, _ width: Int, into b: inout [UInt8], at start: Int) {
        var v = v
        for i in stride(from: start + width - 1, through: start, by: -1) {
            b[i] = 0x30 + UInt8(v % 10)
            v /= 10
        }
    }

    /// The date for stored text, or nil when it is not exactly in the stored form.
    package static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
              b[19] == 0x2E, b[23] == 0x5A,
              let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2),
              let h = digits(b, 11, 2), let mi = digits(b, 14, 2), let s = digits(b, 17, 2),
              let ms = digits(b, 20, 3),
              (1...12).contains(m), (1...31).contains(d), h < 24, mi < 60, s < 60
        else { return nil }
        let days = daysFrom(year: y, month: m, day: d)
        let millis = days * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms
        // Reject dates that do not exist (2025-02-30) rather than silently normalising them.
        guard self.text(millis: millis) == text else { return nil }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        var v: Int64 = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int64(c - 0x30)
        }
        return v
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Day count since 1970-01-01 of a proleptic Gregorian date.
    private static func daysFrom(year: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
