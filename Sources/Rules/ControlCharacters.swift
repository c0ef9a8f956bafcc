import Foundation

/// The built-in check every message passes: C0 and C1 control characters other than a line
/// feed (and a tab where the channel allows one), and the bidirectional embedding, override
/// and isolate controls. What is checked must be what is sent and what is read: a control
/// character is cut, dropped or shown differently along the way, and a bidi control reorders
/// what the phone shows (`\u{202E}yl.tib` reads as `bit.ly`), so each blocks.
public enum ControlCharacters {
    /// The id, and the category, of its findings.
    public static let id = "control-character"
    /// What is wrong and what to do.
    public static let message = "This text holds an invisible control character, which phones, carriers and stores cut or show differently, so the text that arrives would not be the text that was checked. Remove it."
    /// What a tab on SMS costs.
    public static let tabMessage = "This SMS holds a tab, which is not in the GSM-7 alphabet: it makes the whole text UCS-2 (70 characters a segment instead of 160) and shows differently on every phone. Use spaces."
    /// What a bidirectional control does, and what to do.
    public static let bidiMessage = "This text holds a bidirectional control character, which reorders how the text around it is shown: a phone would display words and links the rules never saw. Remove it."
    /// Why it matters.
    public static let rationale = "A control character (NUL, escape, backspace, the C1 range) is truncated by some stores and transports and invisible to a reader; text after a NUL can be lost, so the text delivered would differ from the text the rules checked."

    /// Whether `text` may hold a control character: a cheap test over every byte (a `true` is
    /// confirmed by `findings`).
    static func mayHave(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var flag: UInt8 = 0
        for b in text {
            // Branch-free so that the loop vectorises: any byte below 0x20 but a line feed, or DEL.
            flag |= (b < 0x20 ? 1 : 0) & (b != 0x0A ? 1 : 0)
            flag |= b == 0x7F ? 1 : 0
        }
        return flag != 0 || mayHaveOutsideASCII(text)
    }

    /// Whether `text` may hold a control character outside ASCII: a C1 character (0xC2 and a
    /// byte below 0xA0, not any Latin-1 character: `£` is C2 A3) or a bidi control
    /// (`bidiControl`, not a curly quote or a dash: E2 80 9x). For a check whose scan has
    /// counted the ASCII ones already (`ByteCounts.controls`). `memchr` finds the two lead
    /// bytes, rare even in text outside ASCII, many bytes at a time.
    static func mayHaveOutsideASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count > 1, let base = text.baseAddress else { return false }
        // A lead byte in the last place has nothing after it.
        let last = text.count - 1
        for lead: UInt8 in [0xC2, 0xE2] {
            var i = 0
            while i < last, let found = memchr(base + i, Int32(lead), last - i) {
                let k = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if lead == 0xC2 ? base[k + 1] < 0xA0 : bidiControl(text, at: k) != nil { return true }
                i = k + 1
            }
        }
        return false
    }

    /// The bidirectional control at `i` (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI), if one is there.
    static func bidiControl(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        guard i + 2 < text.count, text[i] == 0xE2 else { return nil }
        switch (text[i + 1], text[i + 2]) {
        case (0x80, 0xAA...0xAE): return 0x2000 + UInt32(text[i + 2] - 0x80)
        case (0x81, 0xA6...0xA9): return 0x2040 + UInt32(text[i + 2] - 0x80)
        default: return nil
        }
    }

    /// The control characters of valid UTF-8 `text` as findings, in order, capped.
    static func findings(_ text: UnsafeBufferPointer<UInt8>, channel: Channel) -> CappedFindings {
        var out = CappedFindings(rule: id)
        var scalar = 0, line = 1, column = 1
        var i = 0
        while i < text.count {
            let b = text[i]
            var control: UInt32? = nil
            var width = 1
            if b < 0x20 || b == 0x7F {
                if b != 0x0A && !(b == 0x09 && channel.allowsTab) { control = UInt32(b) }
            } else if b == 0xC2, i + 1 < text.count, text[i + 1] >= 0x80, text[i + 1] <= 0x9F {
                control = UInt32(text[i + 1])
                width = 2
            } else if let bidi = bidiControl(text, at: i) {
                control = bidi
                width = 3
            } else if b >= 0x80 {
                width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            }
            if let c = control {
                let tab = c == 0x09
                out.append(severity: tab ? .warning : .error) {
                    Finding(rule: id, category: id, severity: tab ? .warning : .error,
                            message: tab ? tabMessage : c > 0xFF ? bidiMessage : message, match: String(UnicodeScalar(c)!),
                            start: scalar, end: scalar + 1, line: line, column: column, endLine: line,
                            endColumn: column + 1,
                            suggestion: tab ? "Replace the tab with spaces."
                                : "Remove \(name(c)); use a line break or a space if one was meant.")
                }
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            scalar += 1
            i += width
        }
        return out
    }

    /// The control characters of `text` on `channel`, as findings, capped.
    public static func findings(in text: String, channel: Channel) -> CappedFindings {
        var copy = text
        return copy.withUTF8 { bytes in mayHave(bytes) ? findings(bytes, channel: channel) : CappedFindings(rule: id) }
    }

    /// What is wrong with a field (a name, an address, a location) that holds a control
    /// character, any one, line feeds and tabs included: "it holds the control character …;
    /// remove it"; nil when it holds none. Such a field is refused, never cut.
    public static func fieldProblem(_ value: String?) -> String? {
        guard let c = value?.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) else { return nil }
        return "it holds the control character \(name(c.value)); remove it"
    }

    /// The short names of the bidirectional controls `findings` reports.
    private static let bidiNames: [UInt32: String] = [0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
                                                      0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"]

    /// `U+0000 (NUL)`-style name of a control character.
    public static func name(_ c: UInt32) -> String {
        let names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
                     "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
                     "FS", "GS", "RS", "US"]
        let hex = String(c, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if c < 0x20 { return "\(code) (\(names[Int(c)]))" }
        if let short = bidiNames[c] { return "\(code) (\(short), a bidirectional control)" }
        return c == 0x7F ? "\(code) (DEL)" : "\(code) (a C1 control character)"
    }

    /// `text` with CR LF and lone CR made line feeds, as every way in does before the check.
    public static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
