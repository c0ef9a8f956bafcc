import Foundation

/// Phone numbers in E.164, the form stored and compared everywhere.
public enum PhoneNumber {
    /// E.164 for the usual ways of writing a number: US numbers with or without `+1`/`1`, with
    /// spaces, dots, dashes or parentheses (`(555) 555-0100`, `555.555.0100`, `1-555-555-0100`),
    /// and international numbers written with `+`. Nil when it cannot be a phone number.
    public static func e164(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var digits = ""
        for (i, ch) in trimmed.enumerated() {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            if ch == "+" && i == 0 { continue }
            if " -.()/".contains(ch) { continue }
            return nil
        }
        if trimmed.hasPrefix("+") {
            guard digits.count >= 8, digits.count <= 15, digits.first != "0" else { return nil }
            if digits.hasPrefix("1") { return digits.count == 11 && isNANP(digits.dropFirst()) ? "+" + digits : nil }
            return "+" + digits
        }
        if digits.count == 11, digits.hasPrefix("1"), isNANP(digits.dropFirst()) { return "+" + digits }
        if digits.count == 10, isNANP(Substring(digits)) { return "+1" + digits }
        return nil
    }

    /// A North American number: neither the area code nor the exchange starts with 0 or 1.
    static func isNANP(_ ten: Substring) -> Bool {
        let d = Array(ten)
        return d.count == 10 && d[0] != "0" && d[0] != "1" && d[3] != "0" && d[3] != "1"
    }
}
