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

    /// Letters of short single-word terms written apart: `c b d`, `c.b.d` (any separator), `c. b. d`.
    static let maxSpacedLetters = 6

    /// The literal plus, for a short alphanumeric word, its spaced-out forms.
    static func variants(_ term: String) -> [[UInt8]] {
        let plain = literal(term)
        guard plain.count >= 2, plain.count <= maxSpacedLetters,
              plain.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return [plain] }
        func joined(_ sep: [UInt8]) -> [UInt8] {
            var v: [UInt8] = []
            for (i, b) in plain.enumerated() {
                if i > 0 { v += sep }
                v.append(b)
            }
            return v
        }
        return [plain, joined([0x20]), joined([0x2E]), joined([0x2E, 0x20])]
    }

    /// Word characters for boundary checks: ASCII letters and digits, and any non-ASCII byte.
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool {
        LiteralAutomaton.isWordByte(b)
    }
}
