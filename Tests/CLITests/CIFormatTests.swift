import Foundation
import Testing

@Suite("lint: GitLab Code Quality and SARIF locations", .enabled(if: CLI.available, "the textgate binary was not found"))
struct CIFormatTests {
    @Test("gitlab: one issue per finding with path, line, severity and a fingerprint unique even for identical matches")
    func gitlab() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try repo.write("templates/results.txt", "Results: https://bit.ly/3xYz9Qa\nAgain: https://bit.ly/3xYz9Qa\n")
        let r = try repo.run(["lint", "--format", "gitlab", "results.txt"], in: "templates")
        #expect(r.status == 1, "\(r)")
        let issues = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]], "\(r)")
        let shorteners = issues.filter { $0["check_name"] as? String == "url-shortener" }
        #expect(shorteners.count == 2)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)
        for (issue, line) in zip(shorteners, [1, 2]) {
            #expect(issue["severity"] as? String == "critical")
            #expect(issue["type"] as? String == "issue")
            let location = try #require(issue["location"] as? [String: Any])
            // Relative to the repository root, not to the folder textgate ran in.
            #expect(location["path"] as? String == "templates/results.txt")
            let begin = try #require((location["positions"] as? [String: Any])?["begin"] as? [String: Any])
            #expect(begin["line"] as? Int == line)
            #expect((issue["description"] as? String)?.contains("bit.ly/3xYz9Qa") == true)
        }
    }

    @Test("sarif: paths relative to SRCROOT, the repository root; a file outside it is a file:// URI")
    func sarifRoot() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let outside = try Lint.Scratch()
        defer { outside.remove() }
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try repo.write("templates/results.txt", "Results: https://bit.ly/3xYz9Qa\n")
        let far = try outside.write("far away.txt", "Results: https://bit.ly/3xYz9Qa\n")
        let r = try repo.run(["lint", "--format", "sarif", "results.txt", far], in: "templates")
        let log = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r)")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])
        #expect((base["uri"] as? String)?.hasPrefix("file:///") == true)
        #expect((base["uri"] as? String)?.hasSuffix(repo.root.lastPathComponent + "/") == true)
        let artifacts = try #require(run["results"] as? [[String: Any]]).compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        }
        #expect(artifacts.first?["uri"] as? String == "templates/results.txt")
        #expect(artifacts.first?["uriBaseId"] as? String == "SRCROOT")
        #expect(artifacts.last?["uri"] as? String == "file://" + far.replacingOccurrences(of: " ", with: "%20"))
        #expect(artifacts.last?["uriBaseId"] == nil)
    }
}
