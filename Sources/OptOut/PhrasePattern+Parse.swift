extension PhrasePattern {
    /// Parses a pattern as written in a keyword file.
    /// - Throws: `KeywordError` naming the step that is not understood and what is allowed.
    public init(parsing source: String, at place: String) throws(KeywordError) {
        var steps: [Step] = []
        for token in source.split(separator: " ") {
            var text = Substring(token)
            if text == "$" { steps.append(.end); continue }
            if let n = Self.count(after: "..", in: text) { steps.append(.fillers(n)); continue }
            if let n = Self.count(after: "~", in: text) { steps.append(.any(n)); continue }
            let optional = text.hasSuffix("?") && text.count > 1
            if optional { text = text.dropLast() }
            var atoms: [Atom] = []
            for alternative in text.split(separator: "|", omittingEmptySubsequences: false) {
                guard let atom = Self.atom(alternative) else {
                    throw KeywordError(place: place, problem: "`\(alternative)` in the pattern `\(source)` is not a word, `prefix*`, `{class}`, `..N`, `~N` or `$`",
                                       fix: "write words in lower case without accents, e.g. `no me? {send_now} ..2 {messaging}`")
                }
                atoms.append(atom)
            }
            steps.append(.word(atoms, optional: optional))
        }
        guard steps.contains(where: { if case .word(_, optional: false) = $0 { true } else { false } }) else {
            throw KeywordError(place: place, problem: "the pattern `\(source)` has no required word, so it would match any text",
                               fix: "give the pattern at least one word that is not optional")
        }
        self.init(source: source, steps: steps)
    }

    /// The word classes the pattern names.
    public var classNames: Set<String> {
        var names: Set<String> = []
        for case .word(let atoms, _) in steps {
            for case .wordClass(let name) in atoms { names.insert(name) }
        }
        return names
    }

    static func count(after marker: String, in token: Substring) -> Int? {
        guard token.hasPrefix(marker), let n = Int(token.dropFirst(marker.count)), (1...6).contains(n) else { return nil }
        return n
    }

    static func atom(_ text: Substring) -> Atom? {
        if text.hasPrefix("{"), text.hasSuffix("}"), text.count > 2 {
            let name = text.dropFirst().dropLast()
            return name.allSatisfy { $0.isLetter || $0 == "_" } ? .wordClass(String(name)) : nil
        }
        let isPrefix = text.hasSuffix("*")
        let word = isPrefix ? text.dropLast() : text
        guard !word.isEmpty, MatchText.fold(String(word)) == word, !word.contains(" ") else { return nil }
        return isPrefix ? .prefix(String(word)) : .word(String(word))
    }
}
