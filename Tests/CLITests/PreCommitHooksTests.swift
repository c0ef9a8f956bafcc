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
