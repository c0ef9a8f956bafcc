import Foundation
import Testing

/// One finding of `textgate lint --format jsonl`, as a user reads it: where, which rule, what matched.
struct LintFinding: Equatable, CustomStringConvertible {
    var file: String
    var template: String?
    var rule: String
    var severity: String
    var line: Int
    var column: Int
    var match: String
    var message: String

    var description: String { "\(file):\(line):\(column) \(rule) \"\(match)\"" }
    /// "file:line:col rule", for comparing with what a user sees.
    var place: String { "\(file):\(line):\(column) \(rule)" }
}

/// One template record of `textgate lint --format jsonl`.
struct LintRecord {
    var file: String
    var template: String?
    var encoding: String
    var segments: Int
    var findings: [LintFinding]
}

enum Lint {
    static let sample = "fixtures/template-samples/sample.yml"

    /// Runs `textgate lint ARGS`.
    static func run(_ arguments: [String]) throws -> CLIResult { try CLI.run(["lint"] + arguments) }

    /// Runs `textgate lint --format jsonl ARGS` and reads every record.
    static func records(_ arguments: [String]) throws -> (result: CLIResult, records: [LintRecord]) {
        let r = try run(["--format", "jsonl"] + arguments)
        let records = try r.jsonLines().map { object -> LintRecord in
            let file = try #require(object["file"] as? String, "no file in \(object)")
            let template = object["template"] as? String
            let findings = try #require(object["findings"] as? [[String: Any]]).map { f in
                LintFinding(file: file, template: template, rule: f["rule"] as? String ?? "", severity: f["severity"] as? String ?? "",
                            line: f["line"] as? Int ?? 0, column: f["column"] as? Int ?? 0, match: f["match"] as? String ?? "",
                            message: f["message"] as? String ?? "")
            }
            return LintRecord(file: file, template: template, encoding: object["encoding"] as? String ?? "",
                              segments: object["segments"] as? Int ?? 0, findings: findings)
        }
        return (r, records)
    }

    /// Every finding of `textgate lint --format jsonl ARGS`.
    static func findings(_ arguments: [String]) throws -> (result: CLIResult, findings: [LintFinding]) {
        let (r, records) = try records(arguments)
        return (r, records.flatMap(\.findings))
    }

    /// The text at `line`:`column` (1-based, Unicode scalars) of a file in the repository.
    static func text(in file: String, line: Int, column: Int, count: Int) throws -> String {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : CLI.root.appendingPathComponent(file)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(line - 1 < lines.count, "\(file) has no line \(line)")
        let scalars = Array(lines[line - 1].unicodeScalars)
        let start = min(column - 1, scalars.count)
        return String(String.UnicodeScalarView(scalars[start..<min(start + count, scalars.count)]))
    }

    /// The 1-based line and column of `needle` in a repository file.
    static func position(of needle: String, in file: String) throws -> (line: Int, column: Int) {
        let text = try String(contentsOf: CLI.root.appendingPathComponent(file), encoding: .utf8)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: needle) { return (i + 1, line.unicodeScalars[line.startIndex..<r.lowerBound].count + 1) }
        }
        Issue.record("\(needle) is not in \(file)")
        return (0, 0)
    }

    /// A temporary directory for files a test writes; removed by `remove()`.
    struct Scratch {
        let dir: URL
        var path: String { dir.path }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-lint-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            try write(name, data: Data(text.utf8))
        }

        @discardableResult
        func write(_ name: String, data: Data) throws -> String {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            return url.path
        }

        /// Copies a repository folder or file into the scratch directory.
        @discardableResult
        func copy(_ relative: String, to name: String) throws -> String {
            let to = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(relative), to: to)
            return to.path
        }

        func read(_ name: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }
    }
}

