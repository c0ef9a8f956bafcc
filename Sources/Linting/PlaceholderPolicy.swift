import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Matching

/// Which placeholder syntaxes each template is written in: its format's defaults, unless a
/// list is set for every file (`--placeholders`) or for the files a path glob matches
/// (`placeholders: {"locales/**": [rails]}`); a matching glob wins over the list for every file.
public struct PlaceholderPolicy: Sendable {
    /// Syntaxes per path glob (`*` and `**` match across folders), first match wins.
    public var byPath: [(glob: String, syntaxes: [PlaceholderSyntax])]
    /// Syntaxes for every file no glob matches, instead of the format's defaults; nil keeps them.
    public var everywhere: [PlaceholderSyntax]?

    /// A policy; the default keeps every format's defaults.
    public init(byPath: [(glob: String, syntaxes: [PlaceholderSyntax])] = [], everywhere: [PlaceholderSyntax]? = nil) {
        self.byPath = byPath
        self.everywhere = everywhere
    }

    /// The syntaxes of a template of `file`, whose format reads `defaults`.
    public func syntaxes(forFile file: String, defaults: [PlaceholderSyntax]) -> [PlaceholderSyntax] {
        for entry in byPath where fnmatch(entry.glob, file, 0) == 0 || fnmatch("*/" + entry.glob, file, 0) == 0 {
            return entry.syntaxes
        }
        return everywhere ?? defaults
    }

    /// Syntax names separated by commas (`rails,mustache`), as given in `given` (a flag or a file).
    /// - Throws: `LintError.unknownPlaceholderSyntax` for a name that is not a syntax.
    public static func parse(_ list: String, given: String) throws(LintError) -> [PlaceholderSyntax] {
        var out: [PlaceholderSyntax] = []
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let syntax = PlaceholderSyntax(rawValue: name) else { throw .unknownPlaceholderSyntax(name: name, given: given) }
            if !out.contains(syntax) { out.append(syntax) }
        }
        return out
    }
}
