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

    /// The literal's forms inside the automata: as written, and with its digits and symbols read
    /// as the letters they may stand for (`bet365` as `bete6s`), found in a message and in its
    /// stand-in views; and, for a term with spaces or separators, the form without them
    /// (`getlaid` for `get laid`, found in `g e t l a i d`). Disguised forms themselves are not
    /// literals: the views read them as the term (see `Ruleset.disguisedTerms`).
    static func forms(_ term: String) -> (inText: [[UInt8]], joined: [UInt8]?) {
        let plain = literal(term)
        return ([plain] + StandIns.foldedForms(plain), Separators.squashed(plain))
    }

    /// The longest form without separators that the scan of a message finds as written
    /// (`getlaid`, `freespins`: a term written run together). Longer ones (`ifyoudidnotplacethisorder`)
    /// are found only in the views that join letters written apart, by an automaton of their own,
    /// so that the scan every message takes does not carry them.
    static let longestJoinedInText = 12

    /// Word characters for boundary checks: ASCII letters and digits, and any non-ASCII byte.
    @inline(__always)
    static func isWord(_ b: UInt8) -> Bool {
        LiteralAutomaton.isWordByte(b)
    }

    /// Which ends of `literal` need a word boundary (bit 0 the start, bit 1 the end): the ends
    /// that are word characters or stand-ins for letters (`$ave` does not match `x$ave`).
    static func edges(_ literal: [UInt8]) -> UInt8 {
        guard let first = literal.first, let last = literal.last else { return 0 }
        let bounded = { (b: UInt8) in isWord(b) || StandIns.letter[Int(b)] != 0 }
        return (bounded(first) ? 1 : 0) | (bounded(last) ? 2 : 0)
    }
}
