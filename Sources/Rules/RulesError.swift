import Foundation

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
    /// A configuration file is missing or unreadable.
    case unreadableFile(path: String, reason: String)

    /// Every problem, one per line.
    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return "\(path): error: cannot read the rules directory: \(reason)"
        case .unreadableFile(let path, let reason):
            return "\(path): error: cannot read the configuration file: \(reason)"
        case .invalid(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    /// The diagnostics, or one for an unreadable directory.
    public var diagnostics: [RuleDiagnostic] {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return [RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1), "cannot read the rules directory: \(reason)")]
        case .unreadableFile(let path, let reason):
            return [RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1), "cannot read the configuration file: \(reason)")]
        case .invalid(let d):
            return d
        }
    }
}

extension RuleDiagnostic {
    /// The diagnostic with the offending line of its file quoted and a caret under the column,
    /// as compilers print it.
    public func withSourceLine() -> String {
        guard let text = try? String(contentsOfFile: location.path, encoding: .utf8) else { return description }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return description }
        let line = lines[location.line - 1].replacingOccurrences(of: "\r", with: "")
        let pad = String(line.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " })
        return "\(description)\n    \(line)\n    \(pad)^"
    }
}

extension RulesError {
    /// Every problem with its source line quoted, for people at a terminal.
    public var renderedWithSource: String {
        diagnostics.map { $0.withSourceLine() }.joined(separator: "\n")
    }
}
