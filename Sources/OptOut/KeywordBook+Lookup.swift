extension KeywordBook {
    /// The keyword `words` are, if any: exactly, with repeated letters collapsed ("ALTOOO"), or,
    /// for one long opt-out word, with one letter wrong, missing, extra or swapped ("unsuscribe").
    func keyword(_ words: ArraySlice<String>) -> Entry? {
        guard !words.isEmpty else { return nil }
        let key = words.joined(separator: " ")
        if let entry = keywords[key] { return entry }
        if reminders[key] != nil || markers[key] != nil { return nil }
        if let entry = collapsed[Self.collapsingRuns(key)] { return entry }
        guard words.count == 1, key.count >= 6 else { return nil }
        return keywords.values.filter { $0.intent == .optOut }
            .first { entry in entry.keyword.count >= 7 && Self.oneEditApart(MatchText.fold(entry.keyword), key) }
    }

    /// The language `text` is recognisably in: the one with the most marker words (ñ, ¿ and ¡
    /// count for Spanish), or nil on a tie.
    func language(of text: MatchText, raw: String) -> LanguageCode? {
        var score: [LanguageCode: Int] = [:]
        for word in text.words { for language in markers[word] ?? [] { score[language, default: 0] += 1 } }
        if raw.contains(where: { "ñÑ¿¡".contains($0) }) { score[.es, default: 0] += 1 }
        let ranked = score.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first, ranked.count == 1 || ranked[1].value < best.value else { return nil }
        return best.key
    }

    static func collapsingRuns(_ s: String) -> String {
        var out = ""
        for ch in s where ch != out.last { out.append(ch) }
        return out
    }

    /// Whether one insertion, deletion, substitution or swap of neighbours turns `a` into `b`.
    static func oneEditApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard x != y, abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }
}
