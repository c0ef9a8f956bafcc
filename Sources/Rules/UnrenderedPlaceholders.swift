import Foundation
import Matching

/// The built-in check that a message about to be sent holds no template placeholder
/// (`{{…}}`, `%{…}`, `((…))`, `${…}`): the patient would get the braces, not the value.
public enum UnrenderedPlaceholders {
    /// The id, and the category, of its findings.
    public static let id = "unrendered-placeholder"
    /// What is wrong and what to do.
    public static let message = "This message holds a template placeholder that was never filled in: the patient would get the braces, not the value. Render the template with its values before sending."
    /// Why it matters.
    public static let rationale = "A placeholder left in a sent text shows the template's internals to the patient and leaves out what the text was meant to say (a name, a time, a link)."

    /// Whether `text` holds `((`, which starts a GOV.UK Notify placeholder: a `memchr` for each
    /// `(`, so text without one costs next to nothing. (A `{`, which starts every other
    /// syntax, the automaton's scan counts.)
    static func hasDoubleParenthesis(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        var from = 0
        while from + 1 < text.count, let found = memchr(base + from, 0x28, text.count - from - 1) {
            let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if text[i + 1] == 0x28 { return true }
            from = i + 1
        }
        return false
    }

    /// The placeholders of valid UTF-8 `text` as findings, in order, capped.
    static func findings(_ text: UnsafeBufferPointer<UInt8>) -> CappedFindings {
        let found = Placeholders.find(in: text, syntaxes: Placeholders.unmistakable)
        var out = CappedFindings(rule: id)
        guard !found.isEmpty else { return out }
        var scalar = 0, line = 1, column = 1, i = 0
        var place: (scalar: Int, line: Int, column: Int) = (0, 1, 1)
        // The next closing Notify tag after each placeholder, found by one sweep from the end.
        var closing = [Int?](repeating: nil, count: found.count)
        var next: Int? = nil
        for k in found.indices.reversed() {
            closing[k] = next
            if found[k].name == nil, found[k].syntax == .notify { next = k }
        }
        for (k, p) in found.enumerated() {
            // Notify's `((x??text))` yields two tags: report the whole span once.
            if p.name == nil, p.syntax == .notify { continue }
            var end = p.range.upperBound
            // The first closing tag that starts at or after this one's end.
            var c = closing[k]
            while let j = c, found[j].range.lowerBound < p.range.upperBound { c = closing[j] }
            if p.syntax == .notify, let j = c, text[p.range.upperBound - 1] == 0x3F {
                end = found[j].range.upperBound
            }
            for target in [p.range.lowerBound, end] {
                while i < target {
                    let b = text[i]
                    if b & 0xC0 != 0x80 {
                        if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                        scalar += 1
                    }
                    i += 1
                }
                if target == p.range.lowerBound { place = (scalar, line, column) }
            }
            out.append(severity: .error) {
                let match = String(decoding: UnsafeBufferPointer(rebasing: text[p.range.lowerBound..<end]), as: UTF8.self)
                return Finding(rule: id, category: id, severity: .error, message: message, match: match,
                               start: place.scalar, end: scalar, line: place.line, column: place.column, endLine: line,
                               endColumn: column, suggestion: "Fill in \(match) with its value, or remove it.")
            }
        }
        return out
    }
}
