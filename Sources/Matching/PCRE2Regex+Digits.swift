extension PCRE2Regex {
    /// `pattern` with `\d` written `[0-9]` (and `\D` `[^0-9]`), for text whose only digits are
    /// ASCII, as normalised text is (`FoldTable` folds every other decimal digit to one).
    ///
    /// Same matches on such text, and much faster: in Unicode mode PCRE2 cannot skip ahead to
    /// where a `\d` may start, and tries every position, while `[0-9]` it can. A pattern with
    /// `\Q` is returned as it is, and `\D` inside a class stays (it has no short equivalent).
    public static func asciiDigits(_ pattern: String) -> String {
        guard pattern.contains("\\d") || pattern.contains("\\D"), !pattern.contains("\\Q") else { return pattern }
        let c = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        var classStart = false
        while i < c.count {
            let x = c[i]
            if x == "\\", i + 1 < c.count {
                switch (c[i + 1], inClass) {
                case ("d", false): out.append(contentsOf: "[0-9]".unicodeScalars)
                case ("D", false): out.append(contentsOf: "[^0-9]".unicodeScalars)
                case ("d", true): out.append(contentsOf: "0-9".unicodeScalars)
                default: out.append(x); out.append(c[i + 1])
                }
                classStart = false
                i += 2
                continue
            }
            out.append(x)
            i += 1
            if !inClass {
                if x == "[" { inClass = true; classStart = true }
            } else if x == "[", i < c.count, c[i] == ":" {
                // A POSIX class (`[:digit:]`) inside: copied whole, its `]` does not end the class.
                while i < c.count, !(c[i] == "]" && c[i - 1] == ":") { out.append(c[i]); i += 1 }
                if i < c.count { out.append(c[i]); i += 1 }
                classStart = false
            } else if x == "]" && !classStart {
                inClass = false
            } else {
                // `]` right after `[` or `[^` is a character of the class, not its end.
                classStart = classStart && x == "^"
            }
        }
        return String(out)
    }
}
