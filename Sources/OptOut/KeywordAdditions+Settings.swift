extension KeywordAdditions {
    /// The `keywords` setting as a YAML or JSON loader gives it (`{es: {opt_out: [BAJA]}}`),
    /// checked for shape: languages are codes, lists are `opt_out`, `opt_in` and `help`, each a
    /// list of words (or one word).
    /// - Throws: `KeywordError` naming the key that is wrong and what it should be.
    public static func parse(setting value: Any, place: String = "keywords") throws(KeywordError) -> [LanguageCode: KeywordAdditions] {
        guard let languages = value as? [String: Any] else {
            throw KeywordError(place: place, problem: "expected a mapping from language to keyword lists",
                               fix: "write e.g. `\(place): {es: {opt_out: [BAJA], opt_in: [INICIO], help: [AYUDA]}}`")
        }
        var out: [LanguageCode: KeywordAdditions] = [:]
        for (code, lists) in languages {
            guard let language = LanguageCode(rawValue: code) else {
                throw KeywordError(place: "\(place).\(code)", problem: "`\(code)` is not a language code", fix: "use an ISO 639-1 code such as `es` or `en`")
            }
            guard let map = lists as? [String: Any] else {
                throw KeywordError(place: "\(place).\(code)", problem: "expected a mapping of keyword lists", fix: "write e.g. `\(code): {opt_out: [BAJA]}`")
            }
            var additions = out[language] ?? KeywordAdditions()
            for (key, raw) in map {
                let words: [String]
                if let one = raw as? String { words = [one] } else if let list = raw as? [Any], list.allSatisfy({ $0 is String }) {
                    words = list.compactMap { $0 as? String }
                } else {
                    throw KeywordError(place: "\(place).\(code).\(key)", problem: "expected a list of words", fix: "write e.g. `\(key): [WORD, OTHER]`")
                }
                switch key {
                case "opt_out": additions.optOut += words
                case "opt_in": additions.optIn += words
                case "help": additions.help += words
                default:
                    throw KeywordError(place: "\(place).\(code).\(key)", problem: "unknown key `\(key)`", fix: "use `opt_out`, `opt_in` or `help`")
                }
            }
            out[language] = additions
        }
        return out
    }
}

extension KeywordBook {
    /// This book with the `keywords` setting as a YAML or JSON loader gives it: the shape is
    /// checked, then the words are added as `adding(_:place:)` does.
    /// - Throws: `KeywordError` naming the key that is wrong and how to fix it.
    public func adding(setting value: Any, place: String = "keywords") throws(KeywordError) -> KeywordBook {
        try adding(KeywordAdditions.parse(setting: value, place: place), place: place)
    }
}
