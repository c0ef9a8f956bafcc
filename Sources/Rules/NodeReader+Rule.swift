import Foundation
import Matching
import Yams

extension NodeReader {
    static let commonKeys = ["category", "severity", "message", "rationale", "suggestion", "suppressible", "kind", "examples",
                             "translations"]
    static let kindKeys: [String: [String]] = [
        "terms": ["terms", "exceptions"],
        "pattern": ["patterns", "prefilter", "requires_link"],
        "link-domains": ["domains"],
        "link-policy": ["allow"],
        "caps-ratio": ["max_ratio", "min_letters", "allow"],
        "near": ["first", "second", "within", "exceptions"],
        "model": ["model", "threshold"],
    ]
    static let kindNames = ["terms", "pattern", "link-domains", "link-policy", "caps-ratio", "near", "model"]

    /// Whether `s` is lowercase kebab-case: words of `a-z` and `0-9` joined by single dashes.
    static func isKebabCase(_ s: String) -> Bool {
        var previous: UInt8 = 0x2D  // as if after a dash: a leading dash is refused
        for b in s.utf8 {
            if b == 0x2D {
                if previous == 0x2D { return false }
            } else if !((b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)) {
                return false
            }
            previous = b
        }
        return previous != 0x2D
    }

    /// Reads a rule file's root node; nil (with diagnostics) when anything is wrong.
    mutating func rule(id: String, _ root: Node) -> Rule? {
        let before = diagnostics.count
        if !Self.isKebabCase(id) {
            error(location(nil), "rule id `\(id)` (the file name) must be lowercase kebab-case, like `url-shortener`")
        }
        // Which kind, first, so that settings of other kinds get a precise message.
        var kindName: String?
        if case .mapping(let m) = root, let k = m["kind"] {
            if case .scalar(let s) = k, Self.kindNames.contains(s.string) {
                kindName = s.string
            } else {
                let written = (k.scalar?.string).map { "`\($0)`" } ?? "this"
                error(location(k), "\(written) is not a rule kind; use one of \(Self.kindNames.map { "`\($0)`" }.joined(separator: ", "))"
                      + KeySuggestion.hint(for: k.scalar?.string ?? "", in: Self.kindNames))
            }
        }
        let allowed = Self.commonKeys + (kindName.flatMap { Self.kindKeys[$0] } ?? [])
        let allSettings = Set(Self.kindKeys.values.joined())
        guard let e = entries(root, what: "a rule", allowed: allowed, misplaced: { key in
            guard allSettings.contains(key) else { return nil }
            // With no valid kind, the kind's error is the one to fix; its settings are not unknown keys.
            guard let kindName else { return "" }
            let owners = Self.kindNames.filter { Self.kindKeys[$0]!.contains(key) }
            return "`\(key)` is not a setting of kind `\(kindName)`; it belongs to kind `\(owners.joined(separator: "`, `"))`"
        }) else { return nil }
        if e["kind"] == nil { error(location(root), "missing required key `kind`: one of \(Self.kindNames.joined(separator: ", "))") }

        let category = string(e["category"], key: "category", in: root)
        if let category, !Self.isKebabCase(category) {
            error(location(e["category"]), "category `\(category)` must be lowercase kebab-case, like `url-shortener`")
        }
        var severity: Severity?
        if let s = string(e["severity"], key: "severity", in: root) {
            severity = Severity(rawValue: s)
            if severity == nil {
                error(location(e["severity"]), "severity `\(s)` is not one of `error`, `warning`, `info`"
                      + KeySuggestion.hint(for: s, in: ["error", "warning", "info"]))
            }
        }
        let message = string(e["message"], key: "message", in: root)
        let rationale = string(e["rationale"], key: "rationale", in: root)
        let suggestion = string(e["suggestion"], key: "suggestion", in: root, required: false)
        let suppressible = bool(e["suppressible"], key: "suppressible") ?? true
        var languages: [String: [String]] = [:]
        let kind = kindName.flatMap { ruleKind($0, e, root, languages: &languages) }
        let examples = self.examples(e["examples"], in: root)
        let translations = self.translations(e["translations"], in: root, hasSuggestion: suggestion != nil)

        guard diagnostics.count == before, let category, let severity, let message, let rationale,
              let kind, let examples, let translations else { return nil }
        return Rule(id: id, source: location(nil), category: category, severity: severity, message: message,
                    rationale: rationale, suggestion: suggestion, suppressible: suppressible, kind: kind,
                    termLanguages: languages, flagExamples: examples.flag, passExamples: examples.pass,
                    translations: translations)
    }

    /// The rule's kind with its settings; the language of each term written under a language
    /// (`terms: {en: [...], es: [...]}`) goes to `languages`.
    private mutating func ruleKind(_ name: String, _ e: [String: Node], _ root: Node,
                                   languages: inout [String: [String]]) -> RuleKind? {
        func termList(_ node: Node?, key: String, in parent: Node, required: Bool = true) -> [String]? {
            self.termList(node, key: key, in: parent, required: required, languages: &languages)
        }
        func texts(_ list: [(String, SourceLocation)]?) -> [String]? { list?.map(\.0) }
        switch name {
        case "terms":
            guard let terms = termList(e["terms"], key: "terms", in: root) else { return nil }
            return .terms(terms: terms, exceptions: termList(e["exceptions"], key: "exceptions", in: root, required: false) ?? [])
        case "pattern":
            guard let patterns = patternItems(e["patterns"], in: root) else { return nil }
            let prefilter = plainTermList(e["prefilter"], key: "prefilter", in: root, required: false) ?? []
            let requiresLink = bool(e["requires_link"], key: "requires_link") ?? false
            return .pattern(patterns: patterns.map(\.regex), prefilter: prefilter, patternPrefilters: patterns.map(\.prefilter),
                            requiresLink: requiresLink)
        case "link-domains":
            guard let domains = domainList(e["domains"], key: "domains", in: root) else { return nil }
            return .linkDomains(domains: domains)
        case "link-policy":
            return .linkPolicy(allow: domainList(e["allow"], key: "allow", in: root, required: false) ?? [])
        case "caps-ratio":
            let ratio = number(e["max_ratio"], key: "max_ratio", in: root, range: 0.01...1)
            let minLetters = integer(e["min_letters"], key: "min_letters", in: root, range: 1...10_000)
            let allow = texts(strings(e["allow"], key: "allow", in: root, required: false)) ?? []
            guard let ratio, let minLetters else { return nil }
            return .capsRatio(maxRatio: ratio, minLetters: minLetters, allow: allow.map { $0.uppercased() })
        case "near":
            let first = termList(e["first"], key: "first", in: root)
            let second = termList(e["second"], key: "second", in: root)
            let within = integer(e["within"], key: "within", in: root, range: 0...50)
            let exceptions = termList(e["exceptions"], key: "exceptions", in: root, required: false) ?? []
            guard let first, let second, let within else { return nil }
            return .near(first: first, second: second, within: within, exceptions: exceptions)
        case "model":
            return contentModel(e, root)
        default:
            return nil
        }
    }

    /// The file column of byte `offset` of a scalar's decoded text, through quotes and escapes.
    func column(ofByte offset: Int, in text: String, at: SourceLocation, style: Node.Scalar.Style) -> Int {
        let scalars = String(decoding: Array(text.utf8).prefix(offset), as: UTF8.self).unicodeScalars.count
        switch style {
        case .singleQuoted, .doubleQuoted:
            if at.line - 1 < lines.count,
               let columns = YAMLColumns.quoted(lines[at.line - 1], from: at.column, double: style == .doubleQuoted),
               scalars < columns.count {
                return columns[scalars]
            }
            return at.column + 1 + scalars
        default:
            return at.column + scalars
        }
    }

    /// Terms must contain a letter or digit once normalised.
    mutating func plainTermList(_ node: Node?, key: String, in parent: Node, required: Bool = true) -> [String]? {
        guard let list = strings(node, key: key, in: parent, required: required) else { return nil }
        for (term, at) in list where TermForm.literal(term).isEmpty {
            error(at, "`\(term)` in `\(key)` has no letters or digits to match")
        }
        return list.map(\.0)
    }

    mutating func domainList(_ node: Node?, key: String, in parent: Node, required: Bool = true) -> [String]? {
        guard let list = strings(node, key: key, in: parent, required: required) else { return nil }
        for (domain, at) in list where !DomainSyntax.isDomain(domain) {
            error(at, "`\(domain)` is not a domain name; write just the host, like `example.com` (no scheme, path or port)")
        }
        return list.map { HostName.canonical(Substring($0.0)) }
    }

    private mutating func examples(_ node: Node?, in root: Node) -> (flag: [Example], pass: [Example])? {
        guard let node else {
            error(location(root), "missing required key `examples` with `flag:` and `pass:` lists")
            return nil
        }
        guard let e = entries(node, what: "`examples`", allowed: ["flag", "pass"]) else { return nil }
        let flag = strings(e["flag"], key: "flag", in: node)
        let pass = strings(e["pass"], key: "pass", in: node)
        guard let flag, let pass else { return nil }
        return (flag.map { Example(text: $0.0, location: $0.1) }, pass.map { Example(text: $0.0, location: $0.1) })
    }

    /// Reads `textgate.yml`.
    /// Reads a rules directory's `textgate.yml`: its settings and its overrides.
    mutating func settings(_ root: Node) -> (RuleSettings, [Override]) {
        guard let e = entries(root, what: "the settings file", allowed: ["allowed_link_domains", "help_base_url", "overrides"]) else { return (RuleSettings(), []) }
        var settings = RuleSettings(allowedLinkDomains: domainList(e["allowed_link_domains"], key: "allowed_link_domains",
                                                                   in: root, required: false) ?? [])
        settings.helpBaseURL = string(e["help_base_url"], key: "help_base_url", in: root, required: false)
        if let url = settings.helpBaseURL, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            error(location(e["help_base_url"]), "`help_base_url` must be an http or https URL, like `https://example.com/textgate/rules/`")
        }
        return (settings, overrides(e["overrides"]))
    }
}

/// What a domain in a rule file may look like.
enum DomainSyntax {
    static func isDomain(_ s: String) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { s in
                    // ASCII letters, digits and `-` without a property look-up; other letters by property.
                    s.isASCII ? (s.value | 0x20 >= 0x61 && s.value | 0x20 <= 0x7A) || ("0"..."9").contains(s) || s == "-"
                        : s.properties.isAlphabetic
                }
        }
    }
}
