extension PCRE2Regex {
    /// The byte offsets in `pattern` of the `(` of each group of two or more branches that all
    /// begin with `\b` (`(?:\bwin|\bprize)`), in order; empty when there is none, or when the
    /// pattern holds a character class the scan does not follow.
    ///
    /// PCRE2 tries such a group's branches one after another at every place the text could start
    /// a match, testing each branch's `\b` in turn, so in the middle of a word it fails once per
    /// branch. Written `\b(?:win|prize)`, it fails once. The two match exactly the same text.
    public static func repeatedBoundaryGroups(in pattern: String) -> [Int] {
        let s = Array(pattern.utf8)
        // Per open group: where it opens, whether every branch so far begins with `\b`, how many
        // branches it has, and whether the current branch has no item yet.
        var stack: [(open: Int, all: Bool, branches: Int, first: Bool)] = []
        var found: [Int] = []
        var i = 0
        func startsBranch() {
            guard !stack.isEmpty, stack[stack.count - 1].first else { return }
            stack[stack.count - 1].first = false
            let bounded = i + 1 < s.count && s[i] == UInt8(ascii: "\\") && s[i + 1] == UInt8(ascii: "b")
            if !bounded { stack[stack.count - 1].all = false }
        }
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: ")") {
                // An empty branch (`(?:|\bx)`) does not begin with `\b`.
                if let group = stack.popLast(), group.all, !group.first, group.branches > 1 { found.append(group.open) }
                i += 1
                continue
            }
            if c == UInt8(ascii: "|") {
                if !stack.isEmpty {
                    if stack[stack.count - 1].first { stack[stack.count - 1].all = false }
                    stack[stack.count - 1].branches += 1
                    stack[stack.count - 1].first = true
                }
                i += 1
                continue
            }
            startsBranch()
            switch c {
            case UInt8(ascii: "\\"):
                i += 2
            case UInt8(ascii: "["):
                guard let end = classEnd(s, from: i) else { return [] }
                i = end + 1
            case UInt8(ascii: "("):
                // Only plain `(?:` and capturing groups: a lookaround or an atomic group is left alone.
                let plain = i + 1 >= s.count || s[i + 1] != UInt8(ascii: "?")
                    || (i + 2 < s.count && s[i + 2] == UInt8(ascii: ":"))
                stack.append((i, plain, 1, true))
                i += plain && i + 1 < s.count && s[i + 1] == UInt8(ascii: "?") ? 3 : 1
                if !plain {
                    // Skip the group's `?=`, `?<!`, `?>` and the like to its first item.
                    while i < s.count, s[i] != UInt8(ascii: "("), s[i] != UInt8(ascii: ")"),
                          [UInt8(ascii: "?"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: "!"),
                           UInt8(ascii: ">")].contains(s[i]) { i += 1 }
                    stack[stack.count - 1].first = false
                }
            default:
                i += 1
            }
        }
        return found.sorted()
    }
}
