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
    /// A hash of every file's path and bytes, and of the overrides applied: the same files and
    /// overrides give the same version.
    public var version: String
    /// The overrides applied to the rules, in the order applied, each with where it was written.
    public var overrides: [Override] = []

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

    /// Reads and validates the default rules built into the binary.
    /// - Throws: `RulesError.invalid` when the built-in rules are invalid (a build from an
    ///   invalid `rules/`).
    public static func builtin() throws(RulesError) -> RuleDirectory {
        let (directory, diagnostics) = scan(files: BuiltinRules.files, display: RuleSource.builtinPrefix, root: RuleSource.builtinPrefix)
        guard diagnostics.isEmpty else { throw .invalid(diagnostics) }
        return directory
    }

    /// Reads a rule set from wherever `source` says.
    public static func read(_ source: RuleSource) throws(RulesError) -> RuleDirectory {
        switch source {
        case .directory(let path): return try read(path)
        case .builtin: return try builtin()
        }
    }

    /// Reads what is valid and collects every problem, so later checks (the rules' examples)
    /// can report theirs in the same run.
    static func scan(_ source: RuleSource) throws(RulesError) -> (RuleDirectory, [RuleDiagnostic]) {
        switch source {
        case .directory(let path): return try scan(path)
        case .builtin: return scan(files: BuiltinRules.files, display: RuleSource.builtinPrefix, root: RuleSource.builtinPrefix)
        }
    }

    /// The `.yml` and `.yaml` files under `path`, and the `.tsv` weights files of `model` rules,
    /// sorted by relative path, and a diagnostic for each that cannot be read.
    public static func files(in path: String) throws(RulesError) -> (files: [RuleFile], problems: [RuleDiagnostic]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadableDirectory(path: path, reason: "no such directory")
        }
        guard let walker = fm.enumerator(atPath: path) else {
            throw .unreadableDirectory(path: path, reason: "cannot list its files")
        }
        var relatives: [String] = []
        while let next = walker.nextObject() as? String {
            if next.hasSuffix(".yml") || next.hasSuffix(".yaml") || next.hasSuffix(NodeReader.weightsExtension) {
                relatives.append(next)
            }
        }
        relatives.sort()
        var files: [RuleFile] = []
        var problems: [RuleDiagnostic] = []
        for relative in relatives {
            let display = joined(path, relative)
            let top = SourceLocation(path: display, line: 1, column: 1)
            guard let data = fm.contents(atPath: display) else {
                problems.append(RuleDiagnostic(top, "cannot read the file; check its permissions"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(RuleDiagnostic(top, "the file is not valid UTF-8; save it as UTF-8"))
                continue
            }
            files.append(RuleFile(relativePath: relative, text: text))
        }
        return (files, problems)
    }

    static func joined(_ path: String, _ relative: String) -> String {
        path.hasSuffix("/") ? path + relative : path + "/" + relative
    }

    static func scan(_ path: String) throws(RulesError) -> (RuleDirectory, [RuleDiagnostic]) {
        let (files, problems) = try files(in: path)
        if !files.contains(where: { !$0.isData }) && problems.isEmpty {
            throw .invalid([RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1), "the directory holds no `.yml` rule files")])
        }
        var (directory, diagnostics) = scan(files: files, display: path, root: path)
        // Settings alone are not a ruleset: checked against none, every text would pass.
        if directory.rules.isEmpty && diagnostics.isEmpty && problems.isEmpty {
            diagnostics.append(RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1),
                                              "the directory holds no rule, only `\(settingsFile)`; add rule files beside it, or name the rules directory"))
        }
        return (directory, (problems + diagnostics).sorted { ($0.location.path, $0.location.line) < ($1.location.path, $1.location.line) })
    }

    /// Validates rule files; each is shown in diagnostics as `display/relativePath`. The version
    /// hashes every file's relative path and bytes, so the same files give the same version
    /// wherever they are read from.
    static func scan(files: [RuleFile], display: String, root: String) -> (RuleDirectory, [RuleDiagnostic]) {
        var diagnostics: [RuleDiagnostic] = []
        var rules: [Rule] = []
        var settings = RuleSettings()
        var overrides: [Override] = []
        var hasher = SHA256()
        var seen: [String: SourceLocation] = [:]
        let dataFiles = Dictionary(files.filter(\.isData).map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            let relative = file.relativePath
            let shown = joined(display, relative)
            let top = SourceLocation(path: shown, line: 1, column: 1)
            if relative.hasSuffix(".yaml") {
                diagnostics.append(RuleDiagnostic(top, "rule files end in `.yml`; rename it to `\(relative.dropLast(5)).yml`"))
                continue
            }
            hasher.update(data: Data(relative.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(file.text.utf8))
            hasher.update(data: Data([0]))
            // A weights file is read by the `model` rule that names it.
            if file.isData { continue }
            let name = (relative as NSString).lastPathComponent
            var reader = NodeReader(path: shown)
            reader.dataFiles = dataFiles
            reader.folder = (relative as NSString).deletingLastPathComponent
            guard let root = reader.compose(file.text) else { diagnostics += reader.diagnostics; continue }
            if relative == settingsFile {
                (settings, overrides) = reader.settings(root)
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
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        var directory = RuleDirectory(root: root, rules: rules.sorted { $0.id < $1.id }, settings: settings,
                                      version: String(digest.prefix(16)))
        if diagnostics.isEmpty {
            do throws(RulesError) { directory = try directory.applying(overrides) } catch { diagnostics += error.diagnostics }
        }
        return (directory, diagnostics)
    }
}

extension RuleDirectory {
    /// Validates rule files held in memory (an editor's unsaved buffers) as the directory `root`:
    /// what is valid, and every problem at its file (`root/relativePath`), line and column.
    public static func check(files: [RuleFile], root: String) -> (directory: RuleDirectory, problems: [RuleDiagnostic]) {
        scan(files: files, display: root, root: root)
    }
}
