/// Where a set of rules comes from: a directory on disk, or the default rules built into the
/// binary.
public enum RuleSource: Sendable, Equatable, CustomStringConvertible {
    /// A rules directory, as its path was given.
    case directory(String)
    /// The default rules compiled into the binary from the project's `rules/`.
    case builtin

    /// The path prefix built-in rule files are shown under in diagnostics.
    public static let builtinPrefix = "builtin:rules"

    /// `the built-in rules` or `the rules in DIR`, for messages.
    public var description: String {
        switch self {
        case .directory(let path): return "the rules in \(path)"
        case .builtin: return "the built-in rules"
        }
    }
}

/// One file of a rule set: its path relative to the rules directory and its bytes.
public struct RuleFile: Sendable, Equatable {
    /// The path relative to the rules directory, with `/` separators, like `cannabis/cannabis.yml`.
    public var relativePath: String
    /// The file's content.
    public var text: String

    /// Whether this is a `model` rule's weights file (`.tsv`) rather than a YAML file.
    public var isData: Bool { relativePath.hasSuffix(NodeReader.weightsExtension) }

    /// A rule file.
    public init(relativePath: String, text: String) {
        self.relativePath = relativePath
        self.text = text
    }
}
