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
    /// follow (`\Q…\E` quoting, `#` comments), which count as yes.
    static func hasTopLevelAlternation(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "Q") { return true }
                i += 2
                continue
            case UInt8(ascii: "#"):
                return true
            case UInt8(ascii: "["):
                guard let end = classEnd(bytes, from: i) else { return true }
                i = end + 1
                continue
            case UInt8(ascii: "("):
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

    /// The index of the `]` that closes the character class opening at `open`, or nil.
    private static func classEnd(_ bytes: [UInt8], from open: Int) -> Int? {
        var i = open + 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "^") { i += 1 }
        // A `]` first in the class is a literal.
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                i += 2
                continue
            case UInt8(ascii: "["):
                // A POSIX class such as `[:alpha:]` inside the class.
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") {
                    var j = i + 2
                    while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: ":") && bytes[j + 1] == UInt8(ascii: "]")) { j += 1 }
                    guard j + 1 < bytes.count else { return nil }
                    i = j + 2
                    continue
                }
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
