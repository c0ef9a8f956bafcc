extension PCRE2Regex {
    /// The words one of which every match of `pattern` must begin with, lowercased, when the
    /// pattern's shape shows it; nil for any other shape.
    ///
    /// Each alternative of the pattern (split at a `|` outside every group) is read in turn: an
    /// optional `\b`, then either the characters that open it, ASCII letters and digits,
    /// escaped symbols and currency signs (`reply\s+stop` gives `reply`, `\$\d` gives `$`; a
    /// character followed by `?`, `*` or `{` is dropped) or a non-capturing group
    /// that no quantifier can skip, whose own alternatives are read the same way
    /// (`\b(?:urgent(?:ly)?\b|(?:paypal|apple\s+id))` gives `urgent`, `paypal`, `apple`).
    /// An alternative that opens with anything else (a class, an escape, a lookaround, a
    /// capturing group) or with no letter gives nil for the whole pattern, as do constructs the
    /// scan cannot follow (`\Q`, `#`, an unclosed group, `\K`, `\G`, verbs, callouts). So a nil
    /// never hides a match; it only means the regex must search the whole text.
    public static func leadingWords(of pattern: String) -> [String]? {
        let bytes = Array(pattern.utf8)
        guard !hasTopLevelAlternation(bytes, countingBars: false),
              let words = leadingWords(bytes, 0..<bytes.count) else { return nil }
        var unique: [[UInt8]] = []
        for w in words where !unique.contains(w) { unique.append(w) }
        return unique.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The leading words of the alternatives in `range` (see `leadingWords(of:)`), lowercased.
    private static func leadingWords(_ bytes: [UInt8], _ range: Range<Int>) -> [[UInt8]]? {
        guard let parts = alternatives(bytes, range) else { return nil }
        var words: [[UInt8]] = []
        for part in parts {
            guard let found = leadingWordsOfSequence(bytes, part) else { return nil }
            words += found
        }
        return words
    }

    /// The leading words of one alternative: its opening letters, or those of the group it opens with.
    private static func leadingWordsOfSequence(_ bytes: [UInt8], _ range: Range<Int>) -> [[UInt8]]? {
        var i = range.lowerBound
        let end = range.upperBound
        if bytes[i..<end].starts(with: Array(#"\b"#.utf8)) { i += 2 }
        guard i < end else { return nil }
        func isOptionalQuantifier(_ at: Int) -> Bool {
            at < end && (bytes[at] == UInt8(ascii: "?") || bytes[at] == UInt8(ascii: "*") || bytes[at] == UInt8(ascii: "{"))
        }
        if bytes[i] == UInt8(ascii: "(") {
            guard bytes[i..<end].starts(with: Array("(?:".utf8)), let close = groupEnd(bytes, from: i), close < end,
                  !isOptionalQuantifier(close + 1) else { return nil }
            return leadingWords(bytes, (i + 3)..<close)
        }
        // Where the last character of `word` starts.
        var word: [UInt8] = [], last = 0
        while i < end {
            if isPlain(bytes[i]) {
                last = word.count
                word.append(bytes[i] >= 0x41 && bytes[i] <= 0x5A ? bytes[i] | 0x20 : bytes[i])
                i += 1
            } else if bytes[i] == UInt8(ascii: "\\"), i + 1 < end, isEscapedSymbol(bytes[i + 1]) {
                last = word.count
                word.append(bytes[i + 1])
                i += 2
            } else if let symbol = currencySymbols.first(where: { bytes[i..<end].starts(with: $0) }) {
                last = word.count
                word += symbol
                i += symbol.count
            } else {
                break
            }
        }
        // An optional last character is not part of every match.
        if isOptionalQuantifier(i), !word.isEmpty { word.removeSubrange(last...) }
        return word.isEmpty ? nil : [word]
    }

    /// Symbols that stand for themselves when escaped (`\$`, `\+`), as PCRE2 reads them.
    private static func isEscapedSymbol(_ b: UInt8) -> Bool {
        Array(#"$+.*?^|()[]{}/-#&~"#.utf8).contains(b)
    }

    /// Currency signs outside ASCII, which have no other case: a pattern's leading word may hold them.
    private static let currencySymbols: [[UInt8]] = ["£", "¢", "€", "¥"].map { Array($0.utf8) }

    /// An ASCII letter or digit.
    private static func isPlain(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// The alternatives of `range`, split at each `|` outside the groups and classes within
    /// it; nil when a group or class in it is not closed within it.
    private static func alternatives(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>]? {
        var parts: [Range<Int>] = []
        var depth = 0, from = range.lowerBound, i = range.lowerBound
        while i < range.upperBound {
            switch bytes[i] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "|") where depth == 0:
                parts.append(from..<i)
                from = i + 1
            default: break
            }
            guard depth >= 0, let next = afterAtom(bytes, i, limit: range.upperBound) else { return nil }
            i = next
        }
        guard depth == 0, i == range.upperBound else { return nil }
        parts.append(from..<range.upperBound)
        return parts
    }

    /// The index of the `)` that closes the group opening at `open`, or nil when there is none.
    static func groupEnd(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0, i = open
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "(") { depth += 1 }
            if bytes[i] == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return i }
            }
            guard let next = afterAtom(bytes, i, limit: bytes.count) else { return nil }
            i = next
        }
        return nil
    }

    /// Where the scan goes on after position `i`: past an escape's two bytes, past a whole
    /// character class, else to the next byte; nil for a class not closed before `limit`.
    private static func afterAtom(_ bytes: [UInt8], _ i: Int, limit: Int) -> Int? {
        switch bytes[i] {
        case UInt8(ascii: "\\"): return i + 2
        case UInt8(ascii: "["):
            guard let close = classEnd(bytes, from: i), close < limit else { return nil }
            return close + 1
        default: return i + 1
        }
    }

    /// Whether the pattern may have a `|` outside every group, or a construct the scan cannot
    /// follow (`\Q…\E` quoting, `#` comments, an odd character class), which count as yes.
    /// So do constructs that make a search from given starts differ from a whole-text search:
    /// `\K` and `\G`, backtracking verbs such as `(*COMMIT)`, and callouts. Without
    /// `countingBars`, only those constructs count.
    static func hasTopLevelAlternation(_ bytes: [UInt8], countingBars: Bool = true) -> Bool {
        var depth = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < bytes.count, [UInt8(ascii: "Q"), UInt8(ascii: "K"), UInt8(ascii: "G")].contains(bytes[i + 1]) {
                    return true
                }
                i += 2
                continue
            case UInt8(ascii: "#"):
                return true
            case UInt8(ascii: "["):
                guard let end = classEnd(bytes, from: i) else { return true }
                i = end + 1
                continue
            case UInt8(ascii: "("):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") { return true }
                if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"), bytes[i + 2] == UInt8(ascii: "C") { return true }
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth < 0 { return true }
            case UInt8(ascii: "|"):
                if depth == 0 && countingBars { return true }
            default:
                break
            }
            i += 1
        }
        return depth != 0
    }

    /// The index of the `]` that closes the character class opening at `open`, or nil when
    /// there is none or the class holds something the scan does not follow. Shared by the
    /// scans of a pattern's shape (`leadingWords`, `requiredDigitRun`, `repeatedBoundaryGroups`).
    static func classEnd(_ bytes: [UInt8], from open: Int) -> Int? {
        var i = open + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "^") { i += 1 }
        // A `]` first in the class is a literal.
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                // Quoting inside a class hides where it ends.
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "Q") { return nil }
                i += 2
                continue
            case UInt8(ascii: "["):
                // Only a whole POSIX class such as `[:alpha:]` or `[:^digit:]` is followed; any
                // other `[:`, `[.` or `[=` is given up on rather than guessed at.
                guard i + 1 < bytes.count, [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "=")].contains(bytes[i + 1]) else { break }
                guard bytes[i + 1] == UInt8(ascii: ":") else { return nil }
                var j = i + 2
                if j < bytes.count, bytes[j] == UInt8(ascii: "^") { j += 1 }
                let name = j
                while j < bytes.count, (bytes[j] | 0x20) >= 0x61, (bytes[j] | 0x20) <= 0x7A { j += 1 }
                guard j > name, j + 1 < bytes.count, bytes[j] == UInt8(ascii: ":"), bytes[j + 1] == UInt8(ascii: "]") else { return nil }
                i = j + 2
                continue
            case UInt8(ascii: "]"):
                return i
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
