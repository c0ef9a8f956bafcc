// SMS character set and segment calculation (3GPP TS 23.038 / TS 23.040).
import Foundation

/// The character set an SMS is sent in.
public enum SMSCharset: String, Sendable, Codable {
    /// GSM 7-bit default alphabet with its extension table.
    case gsm7 = "GSM-7"
    /// UCS-2, counted in UTF-16 code units.
    case ucs2 = "UCS-2"
}

/// How a message would be encoded and split into SMS segments.
public struct SMSEncoding: Sendable, Equatable {
    /// The character set the whole message must be sent in.
    public let charset: SMSCharset
    /// Number of SMS segments; 0 for the empty message.
    public let segments: Int
    /// Message length in septets (GSM-7) or UTF-16 code units (UCS-2).
    public let length: Int
    /// Distinct characters outside GSM-7 (one Unicode scalar each), in order of first appearance.
    public let nonGsmCharacters: [String]
    /// Advice, when nothing but smart punctuation and accented letters forces UCS-2: which
    /// punctuation to replace to send GSM-7, or what the accents cost in segments (a patient's
    /// language is never rewritten, so they are only counted).
    public let suggestion: String?

    /// Septets in a single-segment GSM-7 message.
    static let gsm7Single = 160
    /// Septets per segment of a concatenated GSM-7 message.
    static let gsm7Multi = 153
    /// UTF-16 units in a single-segment UCS-2 message.
    static let ucs2Single = 70
    /// UTF-16 units per segment of a concatenated UCS-2 message.
    static let ucs2Multi = 67

    /// Analyses `text`: character set, length, segment count and non-GSM characters.
    /// - Parameter text: the message body; iterated as Unicode scalars.
    public init(analyzing text: String) {
        var septets = 0
        var units = 0
        var nonGsm: [Unicode.Scalar] = []
        var seen: Set<UInt32> = []
        for scalar in text.unicodeScalars {
            units += UTF16.width(scalar)
            if let width = GSM7Alphabet.septets(scalar) {
                septets += width
            } else if seen.insert(scalar.value).inserted {
                nonGsm.append(scalar)
            }
        }
        nonGsmCharacters = nonGsm.map { String($0) }
        if nonGsm.isEmpty {
            charset = .gsm7
            length = septets
            segments = Self.segmentCount(text, length: septets, single: Self.gsm7Single,
                                         multi: Self.gsm7Multi) { GSM7Alphabet.septets($0) ?? 0 }
            suggestion = nil
        } else {
            charset = .ucs2
            length = units
            segments = Self.segmentCount(text, length: units, single: Self.ucs2Single,
                                         multi: Self.ucs2Multi) { UTF16.width($0) }
            suggestion = Self.suggestion(for: text, nonGsm: nonGsm, segments: segments)
        }
    }

    /// Returns `text` with smart punctuation (curly quotes, dashes, ellipsis, odd spaces) replaced by GSM-7 forms.
    public static func smartEncoded(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.underestimatedCount)
        for scalar in text.unicodeScalars {
            if let replacement = SmartPunctuation.replacement(for: scalar) {
                result.unicodeScalars.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Segments needed for a message of `length` units: one if it fits `single`, otherwise greedy packing
    /// of whole characters into `multi`-unit segments so escape and surrogate pairs are never split.
    static func segmentCount(_ text: String, length: Int, single: Int, multi: Int,
                             width: (Unicode.Scalar) -> Int) -> Int {
        if length == 0 { return 0 }
        if length <= single { return 1 }
        var count = 1
        var used = 0
        for scalar in text.unicodeScalars {
            let w = width(scalar)
            if used + w > multi {
                count += 1
                used = 0
            }
            used += w
        }
        return count
    }

    /// The suggestion text when every non-GSM character is smart punctuation or an accented
    /// letter, else nil.
    private static func suggestion(for text: String, nonGsm: [Unicode.Scalar], segments: Int) -> String? {
        var pairs: [String] = []
        var accented: [Unicode.Scalar] = []
        for scalar in nonGsm {
            if let replacement = SmartPunctuation.replacement(for: scalar) {
                pairs.append("\(SmartPunctuation.display(scalar)) with \(SmartPunctuation.display(replacement: replacement))")
            } else if unaccented(scalar) != nil {
                accented.append(scalar)
            } else {
                return nil
            }
        }
        let list = listed(pairs)
        if !accented.isEmpty {
            let bare = String(String.UnicodeScalarView(smartEncoded(text).unicodeScalars.map { unaccented($0) ?? $0 }))
            let without = SMSEncoding(analyzing: bare)
            guard without.charset == .gsm7 else { return nil }
            let letters = listed(accented.map { String($0) })
            let cost = without.segments == segments
                ? "\(plural(segments)) either way"
                : "\(plural(segments)) where the same text without \(accented.count == 1 ? "it" : "them") would take \(without.segments)"
            return "\(letters) \(accented.count == 1 ? "is" : "are") not in GSM-7 (é ñ ü ¿ ¡ are), so this text goes as UCS-2, "
                + "70 characters a segment instead of 160: \(cost). Accents are the patient's language: keep them, and "
                + "shorten the text if the segments matter." + (pairs.isEmpty ? "" : " Replace \(list) too.")
        }
        let fixed = SMSEncoding(analyzing: smartEncoded(text))
        guard fixed.charset == .gsm7 else { return nil }
        if fixed.segments == segments {
            return "Replace \(list) to send as GSM-7, which fits 160 characters a segment instead of 70."
        }
        return "Replace \(list) to send as GSM-7: \(plural(fixed.segments)) instead of \(plural(segments)) in UCS-2."
    }

    /// A letter with accents GSM-7 lacks (`á`, `ó`, `ç`): its letter without them, when that is
    /// in GSM-7; nil for anything else.
    static func unaccented(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard GSM7Alphabet.septets(scalar) == nil, scalar.properties.isAlphabetic else { return nil }
        let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard parts.count > 1, let base = parts.first, GSM7Alphabet.septets(base) != nil,
              parts.dropFirst().allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) else { return nil }
        return base
    }

    /// "a", "a and b", "a, b and c".
    private static func listed(_ items: [String]) -> String {
        items.count <= 1 ? items.first ?? "" : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// "1 segment" / "N segments".
    private static func plural(_ count: Int) -> String {
        count == 1 ? "1 segment" : "\(count) segments"
    }
}
