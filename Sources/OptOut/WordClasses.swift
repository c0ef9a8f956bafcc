/// The word classes patterns name (`messaging`, `filler`, `polite`…), every language's
/// members together, so "stop los mensajes" and "no more mensajes" match as mixed texts do.
public struct WordClasses: Sendable, Equatable {
    /// Members of each class; a member ending in `*` is a prefix.
    let members: [String: Set<String>]
    /// Polite phrases as word lists, longest first.
    let polite: [[String]]

    /// The classes of the given languages' sets.
    init(_ sets: [KeywordSet]) {
        var members: [String: Set<String>] = [:]
        for set in sets {
            for (name, words) in set.classes { members[name, default: []].formUnion(words.map(MatchText.fold)) }
        }
        self.members = members
        let phrases = Set(sets.flatMap(\.polite).map { MatchText(String($0)).words }.filter { !$0.isEmpty })
        self.polite = phrases.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    /// Whether `word` is in class `name`.
    func contains(_ name: String, _ word: String) -> Bool {
        guard let set = members[name] else { return false }
        if set.contains(word) { return true }
        return set.contains { $0.hasSuffix("*") && word.hasPrefix($0.dropLast()) }
    }

    /// Whether `word` matches `atom`.
    func matches(_ atom: PhrasePattern.Atom, _ word: String) -> Bool {
        switch atom {
        case .word(let w): return word == w
        case .prefix(let p): return word.hasPrefix(p)
        case .wordClass(let name): return contains(name, word)
        }
    }

    /// Whether `words` are polite phrases only (or none).
    func onlyPolite(_ words: ArraySlice<String>) -> Bool { strippingPolite(words).isEmpty }

    /// `words` without the polite phrases at either end: "stop por favor" is "stop", "ya basta"
    /// is "basta".
    func strippingPolite(_ words: ArraySlice<String>) -> ArraySlice<String> {
        var rest = words
        var changed = true
        while changed && !rest.isEmpty {
            changed = false
            for phrase in polite {
                if rest.starts(with: phrase) { rest = rest.dropFirst(phrase.count); changed = true; break }
                if rest.count >= phrase.count, rest.suffix(phrase.count).elementsEqual(phrase) {
                    rest = rest.dropLast(phrase.count); changed = true; break
                }
            }
        }
        return rest
    }
}
