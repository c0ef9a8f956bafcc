extension PCRE2Regex {
    /// The words one of which every match of `pattern` must begin with, lowercased, when the
    /// pattern's shape shows it; nil for any other shape.
    ///
    /// The shapes recognised: an optional `\b`, then either one word (`reply\s+stop`) or a
    /// non-capturing group of plain-word alternatives that no quantifier can skip
    /// (`\b(?:reply|text)\s+stop`), and no `|` outside parentheses anywhere in the pattern.
    /// Words are ASCII letters and digits. A word followed by `?`, `*` or `{` loses its last
    /// letter. Anything the analysis does not understand (`\Q`, `#`, an unclosed group) gives
    /// nil, so a nil never hides a match; it only means the regex must search the whole text.
    public static func leadingWords(of pattern: String) -> [String]? {
        let bytes = Array(pattern.utf8)
        guard !hasTopLevelAlternation(bytes) else { return nil }
        var i = 0
        if bytes.starts(with: Array(#"\b"#.utf8)) { i = 2 }
        func isPlain(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        func isOptionalQuantifier(_ at: Int) -> Bool {
            at < bytes.count && (bytes[at] == UInt8(ascii: "?") || bytes[at] == UInt8(ascii: "*") || bytes[at] == UInt8(ascii: "{"))
        }
        var words: [[UInt8]] = []
        if bytes[i...].starts(with: Array("(?:".utf8)) {
            i += 3
            var word: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: ")") {
                if bytes[i] == UInt8(ascii: "|") {
                    words.append(word)
                    word = []
                } else if isPlain(bytes[i]) {
                    word.append(bytes[i])
                } else {
                    return nil
                }
                i += 1
            }
            guard i < bytes.count, !isOptionalQuantifier(i + 1) else { return nil }
            words.append(word)
        } else {
            var word: [UInt8] = []
            while i < bytes.count, isPlain(bytes[i]) {
                word.append(bytes[i])
                i += 1
            }
            if isOptionalQuantifier(i), !word.isEmpty { word.removeLast() }
            words.append(word)
        }
        guard words.allSatisfy({ !$0.isEmpty }) else { return nil }
        return words.map { String(decoding: $0, as: UTF8.self).lowercased() }
    }

    /// Whether the pattern may have a `|` outside every group, or a construct the scan cannot
    /// follow (`\Q…\E` quoting, `#` comments, an odd character class), which count as yes.
    /// So do constructs that make a search from given starts differ from a whole-text search:
    /// `\K` and `\G`, backtracking verbs such as `(*COMMIT)`, and callouts.
    static func hasTopLevelAlternation(_ bytes: [UInt8]) -> Bool {
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
                if depth == 0 { return true }
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
