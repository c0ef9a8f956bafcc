import OptOut

/// Reads the shapes a keyword file is made of, naming the key when one is wrong.
struct YAMLReader {
    let place: String

    func only(_ keys: [String], in map: [String: Any], at key: String?) throws(KeywordError) {
        for k in map.keys.sorted() where !keys.contains(k) {
            throw KeywordError(place: "\(place) \(key.map { "\($0)." } ?? "")\(k)", problem: "unknown key `\(k)`",
                               fix: "use one of \(keys.joined(separator: ", "))")
        }
    }

    func map(_ value: Any?, at key: String) throws(KeywordError) -> [String: Any] {
        guard let value else { return [:] }
        guard let map = value as? [String: Any] else {
            throw KeywordError(place: "\(place) \(key)", problem: "expected a mapping", fix: "write `\(key):` followed by indented keys")
        }
        return map
    }

    /// A list of texts (the file is read with every scalar as text).
    func words(_ value: Any?, at key: String) throws(KeywordError) -> [String] {
        guard let value else { return [] }
        guard let list = value as? [Any] else {
            throw KeywordError(place: "\(place) \(key)", problem: "expected a list", fix: "write `\(key): [WORD, OTHER]`")
        }
        var out: [String] = []
        for (i, item) in list.enumerated() {
            guard let text = item as? String else {
                throw KeywordError(place: "\(place) \(key)[\(i)]", problem: "expected a word or phrase, not a list or mapping",
                                   fix: "write each entry as plain text")
            }
            out.append(text)
        }
        return out
    }
}
