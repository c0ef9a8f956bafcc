import Foundation
import Matching
import Yams

/// A YAML or JSON file holding many named templates: a map of name to text, a list of objects
/// with `name` and `body`, or any shape that `--field` paths select (`reminders.*.body`).
struct Catalog {
    let file: String
    let text: String
    let fields: [String]
    let allSMS: Bool

    func templates() throws(LintError) -> [Template] {
        guard let root = try Catalog.compose(file, text) else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [(String, Node, Bool)] = []
        if fields.isEmpty {
            collectDefault(root, prefix: "", sms: allSMS, into: &found)
        } else {
            for field in fields {
                collect(root, path: field.split(separator: ".").map(String.init), names: [], sms: allSMS, into: &found)
            }
        }
        // A Rails locale file (one root key, a locale) interpolates `%{name}` and `%<name>s` too;
        // a Flutter ARB file holds ICU messages, and its `@key` entries are metadata, not text;
        // a JSON file may nest another entry's text with i18next's `$t(key)`.
        let rails = Catalog.railsLocale(root)
        var syntaxes: [PlaceholderSyntax] = rails != nil ? [.mustache, .rails] : [.mustache]
        var locale = rails.flatMap(TemplateLocale.tag) ?? rails
        if file.lowercased().hasSuffix(".arb") {
            syntaxes = TemplateFormats.arb
            if case .mapping(let m) = root, let tag = m["@@locale"]?.scalar?.string { locale = TemplateLocale.tag(tag) ?? tag }
            found.removeAll { name, _, _ in name.split(separator: ".").contains { $0.hasPrefix("@") } }
        }
        let isJSON = file.lowercased().hasSuffix(".json")
        // JSON catalogs are i18next's format: `$t(key)` there is another entry's text.
        if isJSON { syntaxes.append(.i18next) }
        return found.map { name, node, sms in
            var t = Template(file: file, name: name, text: node.scalar?.string ?? "",
                             origin: ScalarOrigin.origin(of: node, lines: lines), isSMS: sms, placeholders: syntaxes)
            t.locale = locale
            t.branch = Catalog.pluralForm(name, rails: rails != nil, json: isJSON)
            return t
        }
    }

    /// CLDR plural categories, as Rails (`visits.one`) and i18next (`visits_one`) name plural forms.
    static let pluralCategories: Set<String> = ["zero", "one", "two", "few", "many", "other"]

    /// The plural form a template's name says it is: a last key `one` in a Rails locale file,
    /// a key suffix `_one` (or `_ordinal_one`) in an i18next JSON file.
    static func pluralForm(_ name: String, rails: Bool, json: Bool) -> String? {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        if rails, pluralCategories.contains(last) { return last }
        if json, let underscore = last.lastIndex(of: "_") {
            let suffix = String(last[last.index(after: underscore)...])
            if pluralCategories.contains(suffix) { return last.contains("_ordinal_") ? "ordinal " + suffix : suffix }
        }
        return nil
    }

    /// The locale of a Rails i18n file: its only root key, when that reads as a language tag
    /// (`en`, `pt-BR`, `zh-Hans`, `no`).
    static func railsLocale(_ root: Node) -> String? {
        guard case .mapping(let m) = root, m.count == 1, let key = m.keys.first?.scalar?.string,
              case .mapping = m.values.first else { return nil }
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLowercase }),
              parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return key
    }

    /// Defaults: name → text, name → {body, channel?}, nested maps, or a list of {name, body}.
    private func collectDefault(_ node: Node, prefix: String, sms: Bool, into found: inout [(String, Node, Bool)]) {
        switch node {
        case .mapping(let m):
            if let body = m["body"], body.scalar != nil {
                found.append((m["name"]?.scalar?.string ?? prefix, body, sms || Catalog.isSMS(m)))
                return
            }
            for (k, v) in m {
                let key = k.scalar?.string ?? "?"
                let name = prefix.isEmpty ? key : prefix + "." + key
                if v.scalar != nil { found.append((name, v, sms)) } else { collectDefault(v, prefix: name, sms: sms, into: &found) }
            }
        case .sequence(let s):
            for (i, item) in s.enumerated() {
                collectDefault(item, prefix: prefix.isEmpty ? "\(i)" : "\(prefix).\(i)", sms: sms, into: &found)
            }
        default:
            break
        }
    }

    /// Follows a `--field` path; `*` matches any key or list item.
    private func collect(_ node: Node, path: [String], names: [String], sms: Bool, into found: inout [(String, Node, Bool)]) {
        guard let head = path.first else {
            if node.scalar != nil { found.append((names.joined(separator: "."), node, sms)) }
            return
        }
        let rest = Array(path.dropFirst())
        switch node {
        case .mapping(let m):
            let here = sms || Catalog.isSMS(m)
            for (k, v) in m {
                let key = k.scalar?.string ?? "?"
                guard head == "*" || head == key else { continue }
                var name = names + [key]
                // A list item named by its `name` key reads better than its index.
                if rest.isEmpty, let n = m["name"]?.scalar?.string, names.last?.allSatisfy(\.isNumber) == true {
                    name = names.dropLast() + [n, key]
                }
                collect(v, path: rest, names: name, sms: here, into: &found)
            }
        case .sequence(let s):
            guard head == "*" || Int(head) != nil else { return }
            // List indices count from 0, as in jq and JSONPath.
            for (i, item) in s.enumerated() where head == "*" || Int(head) == i {
                collect(item, path: rest, names: names + ["\(i)"], sms: sms, into: &found)
            }
        default:
            break
        }
    }

    /// JSON writes characters outside the BMP as surrogate-pair escapes (`\ud83d\udcc5`), which
    /// YAML rejects; they become YAML's `\U0001f4c5`. Positions are computed on the original text.
    static func yamlCompatible(_ text: String) -> String {
        guard text.contains("\\u") || text.contains("\\U") else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func hex(_ at: Int) -> UInt32? {
            guard at + 6 <= scalars.count, scalars[at] == "\\", scalars[at + 1] == "u" || scalars[at + 1] == "U" else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[(at + 2)..<(at + 6)])), radix: 16)
        }
        while i < scalars.count {
            if scalars[i] == "\\", i + 1 < scalars.count, scalars[i + 1] == "\\" {
                out += "\\\\"; i += 2; continue
            }
            if let high = hex(i), (0xD800...0xDBFF).contains(high), let low = hex(i + 6), (0xDC00...0xDFFF).contains(low) {
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                out += "\\U" + String(format: "%08x", value)
                i += 12
                continue
            }
            out.unicodeScalars.append(scalars[i])
            i += 1
        }
        return out
    }

    static func isSMS(_ m: Node.Mapping) -> Bool {
        m["channel"]?.scalar?.string.lowercased() == "sms"
    }

    static func error(_ file: String, _ e: YamlError) -> LintError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .invalidCatalog(path: file, line: mark.line, column: mark.column, reason: "invalid YAML or JSON: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidCatalog(path: file, line: context.mark.line, column: context.mark.column,
                                   reason: "duplicate template name `\(duplicates.joined(separator: "`, `"))`")
        default:
            return .invalidCatalog(path: file, line: 1, column: 1, reason: "invalid YAML or JSON: \(e)")
        }
    }
}

extension Catalog {
    /// The YAML or JSON document of a catalog file, nil when it is empty.
    /// - Throws: `LintError.invalidCatalog` at the place the parser stopped.
    static func compose(_ file: String, _ text: String) throws(LintError) -> Node? {
        do {
            return try Yams.compose(yaml: yamlCompatible(text))
        } catch let e as YamlError {
            throw error(file, e)
        } catch {
            throw .invalidCatalog(path: file, line: 1, column: 1, reason: "cannot parse: \(error)")
        }
    }
}
