/// Ways a word is disguised, letter by letter, for tests that generate every disguise of every
/// term of a rule.
enum Disguises {
    /// A disguise: its name, and what it makes of one lowercase ASCII letter or digit.
    typealias Letterwise = (name: String, apply: @Sendable (Character) -> String)

    /// Disguises that keep a term readable to people and that the matcher folds back.
    static let letterwise: [Letterwise] = [
        ("capitals", { $0.uppercased() }),
        ("mathematical bold", { styled($0, letters: 0x1D41A, digits: 0x1D7CE) }),
        ("mathematical sans-serif", { styled($0, letters: 0x1D5BA, digits: 0x1D7E2) }),
        ("mathematical sans-serif bold italic", { styled($0, letters: 0x1D656, digits: 0x1D7EC) }),
        ("fullwidth", { styled($0, letters: 0xFF41, digits: 0xFF10) }),
        ("circled", { styled($0, letters: 0x24D0, digits: nil) }),
        ("negative squared", { styled($0, letters: 0x1F170, digits: nil) }),
        ("small capitals", { mapped($0, smallCapitals) }),
        ("Cherokee look-alikes", { mapped($0, cherokee) }),
        ("Cyrillic look-alikes", { mapped($0, cyrillic) }),
        ("strike-through", { "\($0)\u{0336}" }),
        ("underline", { "\($0)\u{0332}" }),
        ("variation selector", { "\($0)\u{FE0F}" }),
        ("zero-width space", { "\($0)\u{200B}" }),
        ("tag character", { "\($0)\u{E0041}" }),
    ]

    /// `text` with each ASCII letter or digit disguised; other characters stay.
    static func apply(_ d: Letterwise, to text: String) -> String {
        text.map { c in c.isASCII && (c.isLetter || c.isNumber) ? d.apply(c) : String(c) }.joined()
    }

    static func styled(_ c: Character, letters: UInt32, digits: UInt32?) -> String {
        let v = c.asciiValue!
        if v >= 0x61 && v <= 0x7A { return String(Unicode.Scalar(letters + UInt32(v - 0x61))!) }
        if v >= 0x30 && v <= 0x39, let digits { return String(Unicode.Scalar(digits + UInt32(v - 0x30))!) }
        return String(c)
    }

    static func mapped(_ c: Character, _ table: [Character: UInt32]) -> String {
        table[c].map { String(Unicode.Scalar($0)!) } ?? String(c)
    }

    static let smallCapitals: [Character: UInt32] = [
        "a": 0x1D00, "b": 0x0299, "c": 0x1D04, "d": 0x1D05, "e": 0x1D07, "f": 0xA730, "g": 0x0262, "h": 0x029C,
        "i": 0x026A, "j": 0x1D0A, "k": 0x1D0B, "l": 0x029F, "m": 0x1D0D, "n": 0x0274, "o": 0x1D0F, "p": 0x1D18,
        "r": 0x0280, "s": 0xA731, "t": 0x1D1B, "u": 0x1D1C, "v": 0x1D20, "w": 0x1D21, "y": 0x028F, "z": 0x1D22,
    ]
    static let cherokee: [Character: UInt32] = [
        "a": 0x13AA, "b": 0x13F4, "c": 0x13DF, "d": 0x13A0, "e": 0x13AC, "g": 0x13F3, "h": 0x13BB, "i": 0x13A5,
        "j": 0x13AB, "k": 0x13E6, "l": 0x13DE, "m": 0x13B7, "o": 0x13BE, "p": 0x13E2, "r": 0x13A1, "s": 0x13DA,
        "t": 0x13A2, "v": 0x13D9, "w": 0x13B3, "z": 0x13C3,
    ]
    static let cyrillic: [Character: UInt32] = [
        "a": 0x0430, "c": 0x0441, "e": 0x0435, "h": 0x04BB, "i": 0x0456, "j": 0x0458, "o": 0x043E, "p": 0x0440,
        "s": 0x0455, "x": 0x0445, "y": 0x0443,
    ]

    /// The usual digit or symbol for a letter.
    static let standIns: [Character: Character] = [
        "a": "4", "b": "8", "e": "3", "g": "9", "i": "1", "l": "1", "o": "0", "s": "5", "t": "7",
    ]

    /// `word` with its vowels written as digits (`m4r1ju4n4`), while at least two letters and
    /// half of them stay; nil when none can be.
    static func vowelDigits(_ word: String) -> String? {
        var out = Array(word)
        let letters = out.count
        var kept = letters
        for i in out.indices where "aeio".contains(out[i]) {
            guard kept - 1 >= 2, (kept - 1) * 2 >= letters else { break }
            out[i] = standIns[out[i]]!
            kept -= 1
        }
        return kept < letters ? String(out) : nil
    }

    /// `word` with each mix of two or more of its letters (when it has at most four that have
    /// stand-ins) replaced by their usual stand-ins, while two letters and half of them stay.
    static func mixedStandIns(_ word: String) -> [String] {
        let kinds = Array(Set(word.filter { standIns[$0] != nil })).sorted()
        guard kinds.count <= 4 else { return [] }
        return (1..<(1 << kinds.count)).compactMap { mask in
            guard mask.nonzeroBitCount >= 2 else { return nil }
            let chosen = Set(kinds.indices.filter { mask & (1 << $0) != 0 }.map { kinds[$0] })
            let written = String(word.map { chosen.contains($0) ? standIns[$0]! : $0 })
            let kept = written.filter(\.isLetter).count
            return kept >= 2 && kept * 2 >= word.count ? written : nil
        }
    }

    /// `word` with one letter replaced by its stand-in, for each letter that has one.
    static func oneStandIn(_ word: String) -> [String] {
        let chars = Array(word)
        return chars.indices.compactMap { i in
            standIns[chars[i]].map { s in var c = chars; c[i] = s; return String(c) }
        }
    }

    /// Separators written between every two letters.
    static let separators = [" ", ".", "-", "_", "*", ". ", "- ", "  ", "\u{00B7}", "\u{2022}", " \u{2022} ", "\u{1F525}", "\u{2B50}",
                             " \u{1F4A8} ", "\u{2764}\u{FE0F}"]
}
