import Crypto
import Foundation
import Yams

/// A rules directory read and validated, not yet compiled: the rules, the settings and the
/// content hash that identifies this exact set of files.
public struct RuleDirectory: Sendable {
    /// The directory's path as given.
    public var root: String
    /// Every rule, sorted by id.
    public var rules: [Rule]
    /// Settings from `textgate.yml`.
    public var settings: RuleSettings
    /// A hash of every file's path and bytes: the same files give the same version.
    public var version: String

    /// The settings file's name inside a rules directory.
    public static let settingsFile = "textgate.yml"

    /// Reads and validates every `.yml` file under `path` (recursively).
    /// - Throws: `RulesError.invalid` with every problem found in every file, or
    ///   `RulesError.unreadableDirectory`.
    public static func read(_ path: String) throws(RulesError) -> RuleDirectory {
        let (directory, diagnostics) = try scan(path)
        guard diagnostics.isEmpty else { throw .invalid(diagnostics) }
        return directory
    }

    /// Reads what is valid and collects every problem, so later checks (the rules' examples)
    /// can report theirs in the same run.
    static func scan(_ path: String) throws(RulesError) -> (RuleDirectory, [RuleDiagnostic]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadableDirectory(path: path, reason: "no such directory; pass --rules DIR")
        }
        guard let walker = fm.enumerator(atPath: path) else {
            throw .unreadableDirectory(path: path, reason: "cannot list its files")
        }
        var relatives: [String] = []
        while let next = walker.nextObject() as? String {
            if next.hasSuffix(".yml") || next.hasSuffix(".yaml") { relatives.append(next) }
        }
        relatives.sort()
        var diagnostics: [RuleDiagnostic] = []
        var rules: [Rule] = []
        var settings = RuleSettings()
        var hasher = SHA256()
        var seen: [String: SourceLocation] = [:]
        for relative in relatives {
            let display = path.hasSuffix("/") ? path + relative : path + "/" + relative
            let top = SourceLocation(path: display, line: 1, column: 1)
            if relative.hasSuffix(".yaml") {
                diagnostics.append(RuleDiagnostic(top, "rule files end in `.yml`; rename it to `\(relative.dropLast(5)).yml`"))
                continue
            }
            guard let data = fm.contents(atPath: display) else {
                diagnostics.append(RuleDiagnostic(top, "cannot read the file; check its permissions"))
                continue
            }
            hasher.update(data: Data(relative.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: data)
            hasher.update(data: Data([0]))
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(RuleDiagnostic(top, "the file is not valid UTF-8; save it as UTF-8"))
                continue
            }
            let name = (relative as NSString).lastPathComponent
            var reader = NodeReader(path: display)
            guard let root = reader.compose(text) else { diagnostics += reader.diagnostics; continue }
            if relative == settingsFile {
                settings = reader.settings(root)
            } else if name == settingsFile {
                reader.error(top, "a settings file belongs at the top of the rules directory, not in a folder")
            } else {
                let id = String(name.dropLast(4))
                if let first = seen[id] {
                    reader.error(top, "rule id `\(id)` is already used by \(first.path); rule ids (file names) must be unique")
                } else {
                    seen[id] = top
                }
                if let rule = reader.rule(id: id, root) { rules.append(rule) }
            }
            diagnostics += reader.diagnostics
        }
        if relatives.isEmpty {
            diagnostics.append(RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1),
                                              "the directory holds no `.yml` rule files"))
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let directory = RuleDirectory(root: path, rules: rules.sorted { $0.id < $1.id }, settings: settings,
                                      version: String(digest.prefix(16)))
        return (directory, diagnostics)
    }
}
