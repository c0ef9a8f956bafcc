import Foundation
import Rules

extension LanguageServer {
    /// The rules directory `path` is a rule file of: the nearest folder above it holding a
    /// `textgate.yml`, when `path` is a `.yml` file; nil otherwise.
    static func rulesDirectory(of path: String) -> String? {
        guard path.hasSuffix(".yml") || path.hasSuffix(".yaml") else { return nil }
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty && folder != "/" {
            if FileManager.default.fileExists(atPath: folder + "/" + RuleDirectory.settingsFile) { return folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The problems of a rule file being edited, read with the rest of its directory as saved:
    /// YAML errors, unknown keys and bad values, then the examples its rules fail.
    func ruleDiagnostics(_ path: String, directory: String, text: String) -> [RuleDiagnostic] {
        let relative = String(path.dropFirst(directory.count + 1))
        var files: [RuleFile]
        do {
            files = try RuleDirectory.files(in: directory).files
        } catch {
            return [RuleDiagnostic(SourceLocation(path: path, line: 1, column: 1),
                                   "cannot read the rules directory \(directory) to check this file with it: \(error)")]
        }
        files.removeAll { $0.relativePath == relative }
        files.append(RuleFile(relativePath: relative, text: text))
        files.sort { $0.relativePath < $1.relativePath }
        let (rules, problems) = RuleDirectory.check(files: files, root: directory)
        let here = problems.filter { $0.location.path == path }
        guard problems.isEmpty else { return here }
        return Ruleset(compiling: rules).testExamples().map(\.diagnostic).filter { $0.location.path == path }
    }
}
