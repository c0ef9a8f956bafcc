/// Digits and symbols written for the letters of a term: `c4nn4b1s`, `w33d`, `$ativa`, `7hc`.
/// They are extra literals of the term, so they match only as a whole word where the term
/// would: a time (`10:30`), a price (`$45`) or a phone number has no letters to match.
enum StandIns {
    /// The stand-ins for each letter, the usual one first.
    static let forLetter: [UInt8: [UInt8]] = [
        UInt8(ascii: "a"): Array("4@".utf8),
        UInt8(ascii: "b"): Array("8".utf8),
        UInt8(ascii: "e"): Array("3".utf8),
        UInt8(ascii: "g"): Array("9".utf8),
        UInt8(ascii: "i"): Array("1!|".utf8),
        UInt8(ascii: "l"): Array("1|".utf8),
        UInt8(ascii: "o"): Array("0".utf8),
        UInt8(ascii: "s"): Array("5$".utf8),
        UInt8(ascii: "t"): Array("7+".utf8),
    ]

    /// The vowels whose digits make the most common disguise (`m4r1ju4n4`).
    static let vowels: Set<UInt8> = Set("aeio".utf8)

    /// The symbols among the stand-ins: at the edge of a term they need a word boundary, as the
    /// letter they replace would.
    static func isSymbol(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "@") || b == UInt8(ascii: "$") || b == UInt8(ascii: "!") || b == UInt8(ascii: "|")
            || b == UInt8(ascii: "+")
    }

    /// Fewest letters a word needs for stand-ins (`7hc` for THC).
    static let minLetters = 3
    /// Most stand-in forms of one word, which keeps the automaton small for long words.
    static let maxVariants = 40
    /// Most letters with stand-ins in a word for every mix of them to be a form of its own.
    static let maxMixedLetters = 4

    /// The stand-in forms of a lowercase word, each keeping at least two of its letters and at
    /// least half of them (so that no form reads as a number): the vowels by their digits;
    /// each letter at one place by each of its stand-ins; every place of one letter alike by
    /// each of its stand-ins; any mix of them by their usual stand-ins, in words with few such
    /// letters; and every letter by its usual stand-in, as many as `maxVariants` allows. Each
    /// form is one more literal in the automaton, so the list stays short.
    static func variants(_ word: [UInt8]) -> [[UInt8]] {
        let letters = word.count
        guard letters >= minLetters, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return [] }
        var out: [[UInt8]] = []
        var seen: Set<[UInt8]> = [word]
        func keep(_ v: [UInt8]) {
            let kept = v.filter { $0 >= 0x61 && $0 <= 0x7A }.count
            guard out.count < maxVariants, kept >= 2, kept * 2 >= letters, seen.insert(v).inserted else { return }
            out.append(v)
        }
        func usual(_ b: UInt8) -> UInt8 { forLetter[b]?.first ?? b }
        keep(word.map { vowels.contains($0) ? usual($0) : $0 })
        let places = word.indices.filter { forLetter[word[$0]] != nil }
        for i in places {
            for s in forLetter[word[i]]! { var v = word; v[i] = s; keep(v) }
        }
        let kinds = Array(Set(places.map { word[$0] })).sorted()
        for kind in kinds {
            for s in forLetter[kind]! { keep(word.map { $0 == kind ? s : $0 }) }
        }
        // Any two or more of a few letters by their usual stand-ins (`c4nn4bi5`).
        if kinds.count <= maxMixedLetters {
            for mask in 1..<(1 << kinds.count) where mask.nonzeroBitCount >= 2 {
                let chosen = Set(kinds.indices.filter { mask & (1 << $0) != 0 }.map { kinds[$0] })
                keep(word.map { chosen.contains($0) ? usual($0) : $0 })
            }
        }
        keep(word.map(usual))
        return out
    }
}
