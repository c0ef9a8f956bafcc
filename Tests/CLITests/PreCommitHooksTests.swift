import Foundation
import Testing
import Yams

@Suite(".pre-commit-hooks.yaml", .enabled(if: CLI.available, "the textgate binary was not found"))
struct PreCommitHooksTests {
    static func hooks() throws -> [[String: Any]] {
        let text = try String(contentsOf: CLI.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [[String: Any]])
    }

    @Test("each hook has the keys pre-commit requires, and a language it knows")
    func valid() throws {
        let hooks = try Self.hooks()
        #expect(hooks.map { $0["id"] as? String } == ["textgate-lint", "textgate-lint-system"])
        for hook in hooks {
            for key in ["id", "name", "entry", "language", "files"] { #expect(hook[key] is String, "\(key) in \(hook)") }
            #expect(["swift", "system"].contains(hook["language"] as? String ?? ""))
        }
    }

    @Test("files takes templates and catalogs, not CI or package files")
    func files() throws {
        for hook in try Self.hooks() {
            let regex = try NSRegularExpression(pattern: try #require(hook["files"] as? String))
            func matches(_ path: String) -> Bool { regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil }
            for path in ["templates/reminder.txt", "config/locales/es.yml", "app/src/main/res/values-es/strings.xml", "po/es.po",
                         "Resources/es.lproj/Localizable.strings", "emails/welcome.mustache"] {
                #expect(matches(path), "\(path)")
            }
            for path in [".github/workflows/ci.yml", "package.json", "README.md", "app/src/main/res/layout/main.xml"] {
                #expect(!matches(path), "\(path)")
            }
        }
    }

    @Test("the entry is a real command: run as pre-commit runs it, a bad template fails and a good one passes")
    func entryRuns() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("templates/bad.txt", "Your results: https://bit.ly/3xYz9Qa\n")
        try repo.write("templates/good.txt", "Your appointment is tomorrow at 9:00.\n")
        for hook in try Self.hooks() {
            let entry = try #require(hook["entry"] as? String).split(separator: " ").map(String.init)
            #expect(entry.first == "textgate")
            let arguments = Array(entry.dropFirst())
            #expect(try repo.run(arguments + ["templates/bad.txt"]).status == 1)
            #expect(try repo.run(arguments + ["templates/good.txt"]).status == 0)
        }
    }
}

/// `pre-commit` from PyPI, found on PATH or as `python3 -m pre_commit`.
enum PreCommit {
    static let command: [String]? = {
        for candidate in [["pre-commit"], ["python3", "-m", "pre_commit"]] {
            if (try? Tool.run(candidate + ["--version"], in: FileManager.default.temporaryDirectory))?.status == 0 { return candidate }
        }
        return nil
    }()
    /// Under CI every tool the tests need is installed (`make test` does it), so none is skipped.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"
}

/// Runs a program found on PATH.
enum Tool {
    static func run(_ arguments: [String], in directory: URL, path: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        if let path { env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin") }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("pre-commit try-repo", .enabled(if: CLI.available && (PreCommit.command != nil || PreCommit.required), "pre-commit is not installed (make test installs it)"))
struct PreCommitTryRepoTests {
    @Test("pre-commit runs the hook from this repository: a template that must fail fails, one that must pass passes")
    func tryRepo() throws {
        let command = try #require(PreCommit.command, "pre-commit is missing; `make test` installs it with pip")
        let binary = try #require(CLI.binary)
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("templates/bad.txt", "Your results: https://bit.ly/3xYz9Qa\n")
        try repo.write("templates/good.txt", "Your appointment is tomorrow at 9:00.\n")
        #expect(try Tool.run(["git", "init", "-q", "."], in: repo.root).status == 0)
        #expect(try Tool.run(["git", "add", "."], in: repo.root).status == 0)
        let bin = binary.deletingLastPathComponent().path
        let hook = command + ["try-repo", CLI.root.path, "textgate-lint-system", "--files"]
        let bad = try Tool.run(hook + ["templates/bad.txt"], in: repo.root, path: bin)
        #expect(bad.status == 1, "\(bad.output)")
        #expect(bad.output.contains("templates/bad.txt:1:15: error:"), "\(bad.output)")
        let good = try Tool.run(hook + ["templates/good.txt"], in: repo.root, path: bin)
        #expect(good.status == 0, "\(good.output)")
    }
}
