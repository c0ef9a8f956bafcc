import Matching

extension Ruleset {
    /// Problems that do not stop the rules from loading but deserve a look: patterns with a
    /// quantified group that itself holds a quantifier (`(a+)+`, `(\w*\s?)*`), which PCRE2 may
    /// backtrack on exponentially until it hits its limits, leaving the rule incomplete; and
    /// groups whose every branch begins with `\b` (`PCRE2Regex.repeatedBoundaryGroups`), which
    /// cost a test per branch at every position of every text the rule reads.
    public var warnings: [RuleDiagnostic] {
        var out: [RuleDiagnostic] = []
        for rule in rules {
            guard case .pattern(let patterns, _, _, _) = rule.kind else { continue }
            for p in patterns where NestedQuantifier.found(in: p) {
                out.append(RuleDiagnostic(rule.source, "the pattern `\(p)` repeats a group that itself repeats (a nested quantifier), which can backtrack for a very long time; rewrite it without the inner repetition, or make the group atomic `(?>...)` or possessive `++`"))
            }
            for (k, p) in patterns.enumerated() {
                for open in PCRE2Regex.repeatedBoundaryGroups(in: p) {
                    // `open` is the offset of an ASCII `(`, so a character boundary.
                    let group = p[p.utf8.index(p.utf8.startIndex, offsetBy: open)...].prefix(40)
                    out.append(RuleDiagnostic(rule.source, "every branch of the group `\(group)…` (pattern \(k + 1) of `patterns`) begins with `\\b`, which PCRE2 then tests once per branch at every position of the text; write `\\b` once before the group, as in `\\b(?:win|prize)`: it matches the same text"))
                }
            }
        }
        return out
    }
}

extension RuleDiagnostic {
    /// `path:line:col: warning: message`, for diagnostics that do not stop loading.
    public var warningDescription: String { "\(location): warning: \(message)" }
}

/// A conservative scan of a regex for a repeated group that holds a repetition.
enum NestedQuantifier {
    /// Whether `pattern` has a group with a quantifier inside it that is itself quantified by
    /// `*`, `+` or `{n,}` (atomic groups and possessive quantifiers excepted).
    static func found(in pattern: String) -> Bool {
        let s = Array(pattern.unicodeScalars)
        // For each open group: whether it is atomic, and whether it holds an unbounded quantifier.
        var stack: [(atomic: Bool, inner: Bool)] = []
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false }; i += 1; continue }
            switch c {
            case "[": inClass = true
            case "(":
                let atomic = i + 2 < s.count && s[i + 1] == "?" && s[i + 2] == ">"
                stack.append((atomic, false))
            case ")":
                guard let group = stack.popLast() else { break }
                let next = i + 1 < s.count ? s[i + 1] : " "
                let possessive = i + 2 < s.count && s[i + 2] == "+"
                let repeated = next == "*" || next == "+" || (next == "{" && unboundedBrace(s, from: i + 1))
                if repeated && group.inner && !group.atomic && !possessive { return true }
                // A group that repeats, or holds a repetition, makes its parent hold one.
                if !stack.isEmpty && (group.inner || repeated) { stack[stack.count - 1].inner = true }
            case "*", "+":
                let possessive = i + 1 < s.count && s[i + 1] == "+"
                if !stack.isEmpty && !possessive && !(i > 0 && s[i - 1] == ")") { stack[stack.count - 1].inner = true }
            case "{":
                if !stack.isEmpty && unboundedBrace(s, from: i) && !(i > 0 && s[i - 1] == ")") { stack[stack.count - 1].inner = true }
            default: break
            }
            i += 1
        }
        return false
    }

    /// Whether the `{` at `from` opens `{n,}`.
    private static func unboundedBrace(_ s: [Unicode.Scalar], from: Int) -> Bool {
        var j = from + 1
        while j < s.count && s[j].properties.numericType != nil { j += 1 }
        return j + 1 < s.count && s[j] == "," && s[j + 1] == "}"
    }
}
