import Matching

/// The byte forms a term takes inside the literal automaton.
enum TermForm {
    /// The normalised literal: folded like message text, white space collapsed, trimmed.
    static func literal(_ term: String) -> [UInt8] {
        var out: [UInt8] = []
        var pendingSpace = false
        for b in NormalizedText(term).bytes {
            if LiteralAutomaton.isSpace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return out
    }

    /// Fewest letters a word needs to match written apart (`c b d`, `m.a.r.i.j.u.a.n.a`); two
    /// letters apart are too often initials.
    static let minSpacedLetters = 3
    /// Most letters a word matches written apart.
    static let maxSpacedLetters = 12

    /// The literal plus, for a single word, its forms with digit and symbol stand-ins and with
    /// its letters written apart (3 to 12 letters).
    static func variants(_ term: String) -> [[UInt8]] {
        let plain = literal(term)
        var out = [plain]
        guard plain.allSatisfy(isLetterOrDigit) else { return out }
        out += StandIns.variants(plain)
        if plain.count >= minSpacedLetters && plain.count <= maxSpacedLetters {
            out += Separators.spaced(plain)
        }
        return out
    }

    /// Most letters of a word of a `near` rule written apart.
    static let maxSpacedNearLetters = 6

    /// The literal plus, for a short word, its forms with letters written apart: the forms of
    /// the long word lists of `near` rules, which stand-ins would make too many for the automaton.
    static func nearVariants(_ term: String) -> [[UInt8]] {
        let plain = literal(term)
        guard plain.count >= minSpacedLetters, plain.count <= maxSpacedNearLetters,
              plain.allSatisfy(isLetterOrDigit) else { return [plain] }
        return [plain] + Separators.spaced(plain)
    }

    @inline(__always)
    static func isLetterOrDigit(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

    /// Word characters for boundary checks: ASCII letters and digits, and any non-ASCII byte.
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool {
        LiteralAutomaton.isWordByte(b)
    }

    /// Which ends of `literal` need a word boundary (bit 0 the start, bit 1 the end): the ends
    /// that are word characters or stand-ins for letters (`$ativa` does not match `x$ativa`).
    static func edges(_ literal: [UInt8]) -> UInt8 {
        guard let first = literal.first, let last = literal.last else { return 0 }
        let bounded = { (b: UInt8) in isWord(b) || StandIns.isSymbol(b) }
        return (bounded(first) ? 1 : 0) | (bounded(last) ? 2 : 0)
    }
}
