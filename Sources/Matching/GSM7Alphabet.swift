// GSM 7-bit default alphabet and extension table (3GPP TS 23.038, section 6.2.1).

/// Membership of a Unicode scalar in the GSM 7-bit default alphabet.
enum GSM7Alphabet {
    /// Septets needed to send `scalar` in GSM-7: 1 (basic table), 2 (escape + extension table), or nil when it has no GSM-7 form.
    @inline(__always)
    static func septets(_ scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x80 {
            let bit = UInt64(1) << UInt64(value & 63)
            let basic = value < 64 ? asciiBasicLow : asciiBasicHigh
            if basic & bit != 0 { return 1 }
            let escaped = value < 64 ? asciiExtensionLow : asciiExtensionHigh
            return escaped & bit != 0 ? 2 : nil
        }
        switch value {
        // £ ¤ ¥ § ¿ Ä Å Æ Ç É Ñ Ö Ø Ü ß à ä å æ è é ì ñ ò ö ø ù ü ¡
        case 0xA3, 0xA4, 0xA5, 0xA7, 0xBF, 0xC4, 0xC5, 0xC6, 0xC7, 0xC9, 0xD1, 0xD6,
             0xD8, 0xDC, 0xDF, 0xE0, 0xE4, 0xE5, 0xE6, 0xE8, 0xE9, 0xEC, 0xF1, 0xF2,
             0xF6, 0xF8, 0xF9, 0xFC, 0xA1:
            return 1
        // Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ
        case 0x394, 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0, 0x3A8, 0x3A3, 0x398, 0x39E:
            return 1
        // €
        case 0x20AC:
            return 2
        default:
            return nil
        }
    }

    /// Bitmap of ASCII code points in the basic table: LF, CR, and printable ASCII except the backtick and the extension characters.
    private static let asciiBasicLow: UInt64 = 0xFFFF_FFFF_0000_2400
    private static let asciiBasicHigh: UInt64 = 0x07FF_FFFE_87FF_FFFF
    /// Bitmap of ASCII code points in the extension table: form feed and the characters [ \ ] ^ { | } ~.
    private static let asciiExtensionLow: UInt64 = 0x0000_0000_0000_1000
    private static let asciiExtensionHigh: UInt64 = 0x7800_0000_7800_0000
}

/// Typographic characters that commonly slip into messages and force UCS-2, with their GSM-7 stand-ins.
enum SmartPunctuation {
    /// The GSM-7 replacement for `scalar`, or nil when it is not smart punctuation.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        // ‘ ’ ‚ ‛ ′ ‵ ʼ ‹ ›
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0x2039, 0x203A:
            return "'"
        // “ ” „ ‟ ″ ‶ « »
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB:
            return "\""
        // ‐ ‑ ‒ – — ― − (minus sign)
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
            return "-"
        // … (horizontal ellipsis)
        case 0x2026:
            return "..."
        // tab, no-break space, en quad … hair space, narrow no-break space, medium math space, ideographic space
        case 0x0009, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return " "
        // zero-width space, word joiner, byte order mark, soft hyphen
        case 0x200B, 0x2060, 0xFEFF, 0x00AD:
            return ""
        default:
            return nil
        }
    }

    /// A human-readable rendering of `scalar` for suggestions: the character itself, or `U+XXXX` when it is invisible.
    static func display(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0009, 0x00A0, 0x00AD, 0x2000...0x200B, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            return String(scalar)
        }
    }

    /// A human-readable rendering of a replacement string for suggestions.
    static func display(replacement: String) -> String {
        switch replacement {
        case "": return "nothing"
        case " ": return "a space"
        default: return replacement
        }
    }
}
