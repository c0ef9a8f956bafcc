extension PCRE2Regex {
    /// The length of a run of ASCII digits that every match of `pattern` holds, as far as the
    /// pattern's shape shows: `to\s+[0-9]{4,6}` gives 4. A text without such a run cannot match,
    /// so a caller may skip the regex there. 0 when no run is known, never more than the truth.
    ///
    /// Counted: `[0-9]` and the literal digits, with their quantifier's minimum, next to each
    /// other. Anything else ends a run; a group that must match (`(?:…)`, `(…)` or `(?>…)`,
    /// without `?`, `*` or `{0,…}`) holds the run of its inside, and each branch of a `|`
    /// counts alone (the least of them is the answer). `\d` is not counted, since
    /// in Unicode mode it matches other digits too (`asciiDigits` rewrites it as `[0-9]`), and a
    /// pattern whose escapes or options the scan does not follow (`\Q`, `\x`, back references,
    /// comments, `(?x)`) gives 0.
    public static func requiredDigitRun(_ pattern: String) -> Int {
        let s = Array(pattern.utf8)
        // Quoting, comments and extended mode hide where groups end; verbs change what a match is.
        if pattern.contains("\\Q") || pattern.contains("(?#") || pattern.contains("(*") { return 0 }
        for k in s.indices.dropLast() where s[k] == UInt8(ascii: "(") && s[k + 1] == UInt8(ascii: "?") {
            if isExtendedOption(s, k + 2) { return 0 }
        }
        return run(s, 0, s.count) ?? 0
    }

    /// The run `requiredDigitRun` reads in `s[lo..<hi]`, a whole pattern or a group's inside;
    /// nil when the scan meets something it does not follow.
    private static func run(_ s: [UInt8], _ lo: Int, _ hi: Int) -> Int? {
        var least = Int.max
        var best = 0, run = 0, i = lo
        while i < hi {
            let c = s[i]
            var digit = false
            switch c {
            case UInt8(ascii: "|"):
                least = min(least, best)
                best = 0; run = 0; i += 1
                continue
            case UInt8(ascii: "("):
                guard let close = groupEnd(s, i, hi) else { return nil }
                let (minimum, next) = afterQuantifier(s, close + 1)
                // A group matched at least once holds its inside's run: `(?:…)`, `(…)` and `(?>…)`.
                let plain = s[i + 1] != UInt8(ascii: "?") || s[i + 2] == UInt8(ascii: ":") || s[i + 2] == UInt8(ascii: ">")
                if plain && minimum > 0 {
                    let from = s[i + 1] == UInt8(ascii: "?") ? i + 3 : i + 1
                    guard let inner = self.run(s, from, close) else { return nil }
                    best = max(best, inner)
                }
                run = 0; i = next
                continue
            case UInt8(ascii: "\\"):
                guard i + 1 < hi else { return nil }
                if multiCharacterEscapes.contains(s[i + 1]) { return nil }
                i += 2
            case UInt8(ascii: "["):
                guard let end = classEnd(s, from: i) else { return nil }
                digit = end == i + 4 && s[i + 1] == UInt8(ascii: "0") && s[i + 2] == UInt8(ascii: "-") && s[i + 3] == UInt8(ascii: "9")
                i = end + 1
            default:
                digit = c >= 0x30 && c <= 0x39
                i += 1
            }
            let (minimum, next) = afterQuantifier(s, i)
            i = next
            if digit && minimum > 0 {
                run += minimum
                best = max(best, run)
            } else {
                // Absent or not a digit: what follows may touch what came before, or not.
                run = 0
            }
        }
        return min(least, best)
    }

    /// The bytes after `\` of the escapes that read more than one character or refer to groups.
    private static let multiCharacterEscapes = Set("xoNgkpPQEc0123456789".utf8)

    /// The offset of the `)` that closes the group opening at `open`, before `hi`; nil when none does.
    private static func groupEnd(_ s: [UInt8], _ open: Int, _ hi: Int) -> Int? {
        guard open + 2 < hi else { return nil }
        var depth = 0, i = open
        while i < hi {
            switch s[i] {
            case UInt8(ascii: "\\"): i += 2; continue
            case UInt8(ascii: "["):
                guard let end = classEnd(s, from: i) else { return nil }
                i = end + 1
                continue
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The least number of times the atom ending before `i` matches (1 with no quantifier), and
    /// the offset after its quantifier. A `{` that is not a quantifier is a literal: 1 time.
    private static func afterQuantifier(_ s: [UInt8], _ i: Int) -> (minimum: Int, next: Int) {
        guard i < s.count else { return (1, i) }
        var minimum = 1, j = i
        switch s[i] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"): minimum = 0; j += 1
        case UInt8(ascii: "+"): j += 1
        case UInt8(ascii: "{"):
            var k = i + 1, n = 0, digits = 0
            while k < s.count, s[k] >= 0x30, s[k] <= 0x39, digits < 6 { n = n * 10 + Int(s[k] - 0x30); k += 1; digits += 1 }
            guard digits > 0, k < s.count else { return (1, i) }
            if s[k] == UInt8(ascii: ",") {
                k += 1
                while k < s.count, s[k] >= 0x30, s[k] <= 0x39 { k += 1 }
            }
            guard k < s.count, s[k] == UInt8(ascii: "}") else { return (1, i) }
            minimum = n; j = k + 1
        default:
            return (1, i)
        }
        // A lazy `?` or possessive `+` after the quantifier.
        if j < s.count, s[j] == UInt8(ascii: "?") || s[j] == UInt8(ascii: "+") { j += 1 }
        return (minimum, j)
    }

    /// Whether the option letters from `i` (as in `(?ix)` or `(?x:`) turn on `x`.
    private static func isExtendedOption(_ s: [UInt8], _ i: Int) -> Bool {
        var k = i
        if k < s.count, s[k] == UInt8(ascii: "^") { k += 1 }
        while k < s.count, (s[k] >= 0x61 && s[k] <= 0x7A) || s[k] == UInt8(ascii: "-") {
            if s[k] == UInt8(ascii: "x") { return true }
            k += 1
        }
        return false
    }
}
