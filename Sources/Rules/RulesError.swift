/// One problem in a rules directory, located as `path:line:col`.
public struct RuleDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and how to fix it.
    public var message: String

    /// A diagnostic.
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `path:line:col: error: message`, the form editors and CI logs understand.
    public var description: String { "\(location): error: \(message)" }
}

/// Why a rules directory could not be loaded.
public enum RulesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory itself is missing or unreadable.
    case unreadableDirectory(path: String, reason: String)
    /// One or more files are invalid; every problem found, in file order.
    case invalid([RuleDiagnostic])

    /// Every problem, one per line.
    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return "\(path): error: cannot read the rules directory: \(reason)"
        case .invalid(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    /// The diagnostics, or one for an unreadable directory.
    public var diagnostics: [RuleDiagnostic] {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return [RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1), "cannot read the rules directory: \(reason)")]
        case .invalid(let d):
            return d
        }
    }
}
