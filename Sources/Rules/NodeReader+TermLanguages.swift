import Yams

extension NodeReader {
    /// The languages a rule file may list terms under; every language's terms apply to every text.
    static let termLanguageCodes = ["en", "es"]

    /// A term list, written flat (`[a, b]`) or by language (`{en: [a], es: [b]}`): one flat list
    /// either way, in the order written, each term once. A term listed under several languages
    /// (`cannabis` is English and Spanish) records each of them in `languages`.
    mutating func termList(_ node: Node?, key: String, in parent: Node, required: Bool = true,
                           languages: inout [String: [String]]) -> [String]? {
        guard let node, case .mapping(let byLanguage) = node else {
            return plainTermList(node, key: key, in: parent, required: required)
        }
        let codes = Self.termLanguageCodes.map { "`\($0)`" }.joined(separator: ", ")
        guard let lists = entries(node, what: "`\(key)`, which lists terms by language (\(codes))",
                                  allowed: Self.termLanguageCodes) else {
            return nil
        }
        if lists.isEmpty {
            error(location(node), "`\(key)` has no languages; list its terms under \(codes)")
            return nil
        }
        var terms: [String] = []
        var index: [String: Int] = [:]
        // In the order written, so that findings and docs list terms as the file does.
        for (code, list) in byLanguage {
            guard let code = code.scalar?.string, lists[code] != nil,
                  let items = plainTermList(list, key: "\(key).\(code)", in: node) else { continue }
            for term in items {
                let folded = term.lowercased()
                if index[folded] == nil {
                    index[folded] = terms.count
                    terms.append(term)
                }
                let written = terms[index[folded]!]
                if !(languages[written] ?? []).contains(code) { languages[written, default: []].append(code) }
            }
        }
        return terms
    }
}
