/// The nearest valid key to a mistyped one, for "did you mean" hints.
enum KeySuggestion {
    /// The candidate within edit distance 2 (or a third of the key's length) closest to `key`.
    static func nearest(to key: String, in candidates: [String]) -> String? {
        let limit = max(2, key.count / 3)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(Array(key.lowercased()), Array(c))
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// " (did you mean `x`?)" or "".
    static func hint(for key: String, in candidates: [String]) -> String {
        nearest(to: key, in: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }
}
