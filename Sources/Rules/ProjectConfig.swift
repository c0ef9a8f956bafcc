import Foundation
import Yams

/// A template repository's `.textgate.yml`: which rules, the practice's link domains, which
/// files to lint, and overrides.
public struct ProjectConfig: Sendable, Equatable {
    /// The file's name, found by walking up from the working directory.
    public static let fileName = ".textgate.yml"
    /// The keys the file may hold.
    static let keys = ["rules", "allowed_link_domains", "include", "exclude", "overrides", "placeholders", "placeholder_length"]

    /// The file's path as given or found.
    public var path: String
    /// The rules directory, resolved against the file's folder; nil means the built-in rules.
    public var rules: String?
    /// More domains links may point to, added to the ruleset's `allowed_link_domains`.
    public var allowedLinkDomains: [String] = []
    /// Glob patterns of template paths to lint; empty means every template found.
    public var include: [String] = []
    /// Glob patterns of template paths not to lint.
    public var exclude: [String] = []
    /// Changes to rules, applied after the ruleset's own.
    public var overrides: [Override] = []
    /// Placeholder syntaxes templates use (`placeholders: [rails]`), as written.
    public var placeholders: [String] = []
    /// Placeholder syntaxes per path glob (`placeholders: {"locales/**": [rails]}`), in file order.
    public var placeholdersByPath: [PathSyntaxes] = []
    /// How many characters a placeholder stands for when lengths are counted (`placeholder_length`).
    public var placeholderLength: Int?

    /// The nearest `.textgate.yml` in `directory` or a folder above it.
    public static func discover(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(fileName).path
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// Reads and validates a configuration file.
    /// - Throws: `RulesError.invalid` with every problem, each at its line and column, or
    ///   `RulesError.unreadableFile` when the file cannot be read.
    public static func read(_ path: String) throws(RulesError) -> ProjectConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "it is not valid UTF-8; save it as UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Validates configuration text as if read from `path` (relative `rules` resolve against
    /// its folder).
    public static func parse(_ text: String, path: String) throws(RulesError) -> ProjectConfig {
        var reader = NodeReader(path: path)
        var config = ProjectConfig(path: path)
        if !NodeReader.isBlank(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")),
           let root = reader.compose(text) {
            reader.config(root, into: &config)
        }
        guard reader.diagnostics.isEmpty else { throw .invalid(reader.diagnostics) }
        return config
    }
}

extension NodeReader {
    /// Reads the keys of a `.textgate.yml`.
    mutating func config(_ root: Node, into config: inout ProjectConfig) {
        guard let e = entries(root, what: "the configuration file", allowed: ProjectConfig.keys) else { return }
        if let rules = string(e["rules"], key: "rules", in: root, required: false) {
            let base = URL(fileURLWithPath: config.path).deletingLastPathComponent()
            config.rules = rules.hasPrefix("/") ? rules : base.appendingPathComponent(rules).path
        }
        config.allowedLinkDomains = domainList(e["allowed_link_domains"], key: "allowed_link_domains", in: root, required: false) ?? []
        config.include = strings(e["include"], key: "include", in: root, required: false)?.map(\.0) ?? []
        config.exclude = strings(e["exclude"], key: "exclude", in: root, required: false)?.map(\.0) ?? []
        config.overrides = overrides(e["overrides"])
        if case .mapping(let byPath)? = e["placeholders"] {
            for (glob, list) in byPath {
                let g = glob.scalar?.string ?? ""
                if let names = strings(list, key: "placeholders.\(g)", in: e["placeholders"]!, required: true)?.map(\.0) {
                    config.placeholdersByPath.append(PathSyntaxes(glob: g, syntaxes: names))
                }
            }
        } else {
            config.placeholders = strings(e["placeholders"], key: "placeholders", in: root, required: false)?.map(\.0) ?? []
        }
        if e["placeholder_length"] != nil {
            config.placeholderLength = integer(e["placeholder_length"], key: "placeholder_length", in: root, range: 0...1_600)
        }
    }
}

/// The placeholder syntaxes of the templates a path glob matches.
public struct PathSyntaxes: Sendable, Equatable {
    /// The glob (`locales/**`), relative to the configuration's folder.
    public var glob: String
    /// Syntax names, as written.
    public var syntaxes: [String]
}
