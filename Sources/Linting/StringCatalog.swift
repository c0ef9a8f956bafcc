import Matching
import Yams

/// An Xcode String Catalog (`.xcstrings`, JSON): each localization's `stringUnit` value is a
/// template, named by its key and the variation it is (`%lld visits[plural=one]`,
/// `key{count}[plural=other]` for a substitution), in that localization's locale. A key with no
/// entry for the source language is its own source text.
struct StringCatalog {
    let file: String
    let text: String
    let allSMS: Bool

    func templates() throws(LintError) -> [Template] {
        guard let root = try Catalog.compose(file, text) else { return [] }
        guard case .mapping(let top) = root, case .mapping(let strings)? = top["strings"] else {
            throw .invalidCatalog(path: file, line: 1, column: 1, reason: "a String Catalog is a JSON object with a `strings` object")
        }
        let source = top["sourceLanguage"]?.scalar?.string
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [Template] = []
        for (keyNode, entry) in strings {
            let key = keyNode.scalar?.string ?? "?"
            guard case .mapping(let e) = entry else { continue }
            var localizations: Node.Mapping?
            if case .mapping(let l)? = e["localizations"] { localizations = l }
            if let source, localizations?[source] == nil, !key.isEmpty {
                out.append(template(key, node: keyNode, locale: source, branch: nil, lines: lines))
            }
            guard let localizations else { continue }
            for (languageNode, localization) in localizations {
                walk(localization, key: key, name: key, locale: languageNode.scalar?.string, branch: nil, lines: lines, into: &out)
            }
        }
        return out
    }

    /// The templates of one localization or variation: its `stringUnit`, its `variations`
    /// (`plural`, `device`) and its `substitutions`.
    func walk(_ node: Node, key: String, name: String, locale: String?, branch: String?, lines: [String], into out: inout [Template]) {
        guard case .mapping(let m) = node else { return }
        if case .mapping(let unit)? = m["stringUnit"], let value = unit["value"], value.scalar != nil {
            out.append(template(name, node: value, locale: locale, branch: branch, lines: lines))
        }
        if case .mapping(let variations)? = m["variations"] {
            for (kind, cases) in variations {
                guard case .mapping(let c) = cases else { continue }
                for (caseName, child) in c {
                    let label = "\(kind.scalar?.string ?? "?")=\(caseName.scalar?.string ?? "?")"
                    walk(child, key: key, name: "\(name)[\(label)]", locale: locale, branch: label, lines: lines, into: &out)
                }
            }
        }
        if case .mapping(let substitutions)? = m["substitutions"] {
            for (sub, child) in substitutions {
                walk(child, key: key, name: "\(name){\(sub.scalar?.string ?? "?")}", locale: locale, branch: branch, lines: lines, into: &out)
            }
        }
    }

    func template(_ name: String, node: Node, locale: String?, branch: String?, lines: [String]) -> Template {
        var t = Template(file: file, name: name, text: node.scalar?.string ?? "", origin: ScalarOrigin.origin(of: node, lines: lines),
                         isSMS: allSMS, placeholders: AppleStrings.syntaxes)
        t.locale = locale.flatMap(TemplateLocale.tag) ?? locale
        t.branch = branch
        return t
    }
}
