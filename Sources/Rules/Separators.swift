/// A word with its letters written apart, one separator between every two: `c b d`, `c.b.d`,
/// `c. b. d`. The automaton treats `.`, `-`, `_` and `*` alike, and any run of white space as
/// one space, so these forms also find `c-b-d`, `c_b_d`, `c- b- d` and `m  a  r  i`.
enum Separators {
    /// The separators written between letters, each used the same way throughout a word.
    static let all: [[UInt8]] = [[0x20], [0x2E], [0x2E, 0x20]]

    /// `word` written apart with each separator.
    static func spaced(_ word: [UInt8]) -> [[UInt8]] {
        all.map { separator in
            var v: [UInt8] = []
            v.reserveCapacity(word.count * (separator.count + 1))
            for (i, b) in word.enumerated() {
                if i > 0 { v += separator }
                v.append(b)
            }
            return v
        }
    }
}
