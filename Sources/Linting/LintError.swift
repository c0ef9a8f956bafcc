import Matching

/// Why templates could not be linted.
public enum LintError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path on the command line cannot be read.
    case unreadable(path: String, reason: String)
    /// A catalog is not valid YAML or JSON, or has no templates where `--field` points.
    case invalidCatalog(path: String, line: Int, column: Int, reason: String)
    /// The sample values file cannot be used.
    case invalidSample(path: String, reason: String)
    /// The baseline file cannot be used.
    case invalidBaseline(path: String, reason: String)
    /// A placeholder syntax name that is not known, and where it was given.
    case unknownPlaceholderSyntax(name: String, given: String)

    /// What is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read: \(reason)"
        case .invalidCatalog(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): error: \(reason)"
        case .invalidSample(let path, let reason):
            return "\(path): error: invalid sample values: \(reason)"
        case .invalidBaseline(let path, let reason):
            return "\(path): error: invalid baseline: \(reason); write a new one with --write-baseline"
        case .unknownPlaceholderSyntax(let name, let given):
            let known = PlaceholderSyntax.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(given): error: unknown placeholder syntax '\(name)'; use one of \(known) (see textgate lint --list-formats)"
        }
    }
}
