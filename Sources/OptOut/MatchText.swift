import Foundation

/// A text as the classifiers read it: compatibility forms read as plain letters (a phone in
/// full-width mode types `ＳＴＯＰ`; `𝐒𝐓𝐎𝐏` and `Ⓢ` read the same), case-folded, accents
/// removed except the tilde of ñ, apostrophes made plain, emoji, symbols and invisible
/// characters dropped, and split into
/// clauses at sentence punctuation (`. ! ? ; : ¡ ¿`, line ends) and into words within them.
/// "¡ALTO!" is the one word `alto`; "Ya no me envíen más 🙏" is `ya no me envien mas`.
public struct MatchText: Sendable, Equatable {
    /// The clauses, each a list of words; empty clauses are left out.
    public let clauses: [[String]]

    /// The words of `text`; with `breakingAtCommas`, commas end clauses too ("Alto, ya no…").
    public init(_ text: String, breakingAtCommas: Bool = false) {
        var clauses: [[String]] = []
        var clause: [String] = []
        var word = ""
        func endWord() {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            if !trimmed.isEmpty { clause.append(trimmed) }
            word = ""
        }
        func endClause() {
            endWord()
            if !clause.isEmpty { clauses.append(clause) }
            clause = []
        }
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            let p = scalar.properties
            switch p.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // Keep the tilde of ñ, the one accent that changes a Spanish word.
                if scalar == "\u{0303}", word.last == "n" { word.removeLast(); word.append("ñ") }
            case _ where p.isDefaultIgnorableCodePoint || scalar == "\u{FFFD}":
                break
            case _ where p.isAlphabetic || p.numericType != nil:
                word += p.lowercaseMapping
            case _ where Self.apostrophes.contains(scalar):
                word.append("'")
            case _ where Self.clauseBreaks.contains(scalar) || (breakingAtCommas && scalar == ","):
                endClause()
            default:
                endWord()
            }
        }
        endClause()
        self.clauses = clauses
    }

    /// Every word, clauses joined.
    public var words: [String] { clauses.flatMap { $0 } }

    /// A keyword or phrase as listed, in the form it is compared in: "OPT-OUT" is `opt out`,
    /// "SÍ" is `si`.
    public static func fold(_ phrase: String) -> String { MatchText(phrase).words.joined(separator: " ") }

    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]
    static let clauseBreaks: Set<Unicode.Scalar> = [".", "!", "?", ";", ":", "\u{00A1}", "\u{00BF}", "\n", "\r", "\u{2026}",
                                                    "\u{2028}", "\u{2029}"]
}
