extension PCRE2Regex {
    /// Whether every match of `pattern` starts where a run of ASCII digits starts, as its shape
    /// shows: a negative lookbehind for a digit (`(?<!\d)`, or a class holding `\d`, `\w` or
    /// `0-9`, as in `(?<![\w.])`) or a word boundary, any lookaheads, then a digit (`\d` or
    /// `[0-9]`). On text whose only digits are ASCII, such a regex compiled `anchored` finds at
    /// the starts of its digit runs what a search finds. Any other shape gives false.
    public static func startsAtNumber(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        guard !hasTopLevelAlternation(bytes) else { return false }
        var i: Int
        if bytes.starts(with: Array(#"\b"#.utf8)) {
            // Before a digit, a word boundary means a byte that is no digit (nor letter) comes first.
            i = 2
        } else {
            guard bytes.starts(with: Array("(?<!".utf8)), let close = groupEnd(bytes, from: 0),
                  excludesDigits(Array(bytes[4..<close])) else { return false }
            i = close + 1
        }
        while bytes[i...].starts(with: Array("(?=".utf8)) || bytes[i...].starts(with: Array("(?!".utf8)) {
            guard let end = groupEnd(bytes, from: i) else { return false }
            i = end + 1
        }
        return bytes[i...].starts(with: Array(#"\d"#.utf8)) || bytes[i...].starts(with: Array("[0-9]".utf8))
    }

    /// Whether a lookbehind's content is one atom that matches every ASCII digit: `\d`, `\w`,
    /// or a class (not negated) that holds one of them or the range `0-9`.
    private static func excludesDigits(_ atom: [UInt8]) -> Bool {
        if atom == Array(#"\d"#.utf8) || atom == Array(#"\w"#.utf8) { return true }
        guard atom.first == UInt8(ascii: "["), atom.count > 2, atom[1] != UInt8(ascii: "^"),
              classEnd(atom, from: 0) == atom.count - 1 else { return false }
        var i = 1
        while i < atom.count - 1 {
            if atom[i] == UInt8(ascii: "\\") {
                if i + 1 < atom.count, atom[i + 1] == UInt8(ascii: "d") || atom[i + 1] == UInt8(ascii: "w") { return true }
                i += 2
                continue
            }
            // `0-9`, unless its `0` ends a range (`!-0`).
            if atom[i...].starts(with: Array("0-9".utf8)), atom[i - 1] != UInt8(ascii: "-") || i == 1 { return true }
            i += 1
        }
        return false
    }
}
