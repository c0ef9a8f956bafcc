extension PCRE2Regex {
    /// `patterns` as few regexes as possible: those that can be joined as one alternation
    /// `(?:a)|(?:b)|…`, which finds a match wherever any of them does, in one search instead of
    /// one per pattern; each of the others alone. Empty for no patterns.
    /// - Throws: `PCRE2Error.compile` for a pattern that does not compile on its own.
    public static func joined(_ patterns: [String], caseless: Bool = true, anchored: Bool = false) throws(PCRE2Error) -> [PCRE2Regex] {
        let joinable = patterns.filter(isJoinable)
        var out: [PCRE2Regex] = []
        if joinable.count > 1 {
            // Each part compiled alone, so joining them compiles too; should it not (two parts
            // naming the same group), they run one by one, which finds the same matches.
            if let one = try? PCRE2Regex(joinable.map { "(?:\($0))" }.joined(separator: "|"),
                                         caseless: caseless, anchored: anchored) {
                out.append(one)
            } else {
                for p in joinable { out.append(try PCRE2Regex(p, caseless: caseless, anchored: anchored)) }
            }
        } else if let p = joinable.first {
            out.append(try PCRE2Regex(p, caseless: caseless, anchored: anchored))
        }
        for p in patterns where !isJoinable(p) { out.append(try PCRE2Regex(p, caseless: caseless, anchored: anchored)) }
        return out
    }

    /// Whether a pattern means the same inside `(?:…)` beside others: nothing in it refers to a
    /// group by number (which the join renumbers) or reads to the end of the pattern (`\Q`
    /// without `\E`, a comment under `(?x)`), and no start-of-pattern option `(*…)`.
    static func isJoinable(_ pattern: String) -> Bool {
        let b = Array(pattern.utf8)
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { return false }
                let next = b[i + 1]
                // \1-\9 and \g, \k and \Q: group numbers, names that may be written as numbers, quoting.
                if (next >= 0x31 && next <= 0x39) || next == UInt8(ascii: "g") || next == UInt8(ascii: "k")
                    || next == UInt8(ascii: "Q") { return false }
                i += 2
                continue
            case UInt8(ascii: "("):
                guard i + 1 < b.count else { return false }
                if b[i + 1] == UInt8(ascii: "*") { return false }
                if b[i + 1] == UInt8(ascii: "?"), i + 2 < b.count {
                    let c = b[i + 2]
                    // (?1) (?+1) (?-1) (?R) (?| (?( (?P= (?P> (?& and option settings with x.
                    if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                        || c == UInt8(ascii: "R") || c == UInt8(ascii: "|") || c == UInt8(ascii: "(")
                        || c == UInt8(ascii: "P") || c == UInt8(ascii: "&") { return false }
                    var j = i + 2
                    while j < b.count, (b[j] >= 0x61 && b[j] <= 0x7A) || b[j] == UInt8(ascii: "^") {
                        if b[j] == UInt8(ascii: "x") { return false }
                        j += 1
                    }
                }
            case UInt8(ascii: "["):
                // A class: skip it whole, so `[(]` or `[\\1]` is read as the characters it holds.
                var j = i + 1
                if j < b.count, b[j] == UInt8(ascii: "^") { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: "]") { j += 1 }
                while j < b.count, b[j] != UInt8(ascii: "]") {
                    if b[j] == UInt8(ascii: "\\") {
                        j += 2
                    } else if b[j] == UInt8(ascii: "["), j + 1 < b.count, b[j + 1] == UInt8(ascii: ":") {
                        // A POSIX class `[:alpha:]`: its `]` does not close the outer class.
                        j += 2
                        while j + 1 < b.count, !(b[j] == UInt8(ascii: ":") && b[j + 1] == UInt8(ascii: "]")) { j += 1 }
                        j += 2
                    } else {
                        j += 1
                    }
                }
                i = j + 1
                continue
            default:
                break
            }
            i += 1
        }
        return true
    }
}
