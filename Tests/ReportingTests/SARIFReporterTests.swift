import Foundation
import Testing
import Reporting
import Rules

@Suite("SARIF output")
struct SARIFReporterTests {
    static func sarif(_ texts: [String], rules: Ruleset, source: String = "fixtures/messages/batch.txt") -> String {
        SARIFReporter.render(checked(texts, rules: rules, source: source, lines: true), rules: rules.rules.map(RuleDescriptor.init), rulesVersion: rules.version)
    }

    func parsed(_ text: String) throws -> [String: Any] {
        try #require(try parseJSON(text) as? [String: Any])
    }

    @Test("the log has SARIF 2.1.0's version and schema, one run and the tool's rules")
    func header() throws {
        let rules = try Package.rules()
        let log = try parsed(Self.sarif(["fine"], rules: rules))
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "textgate")
        let sarifRules = try #require(driver["rules"] as? [[String: Any]])
        #expect(sarifRules.map { $0["id"] as? String } == rules.rules.map(\.id))
        for (r, rule) in zip(sarifRules, rules.rules) {
            #expect((r["shortDescription"] as? [String: Any])?["text"] as? String == rule.message)
            #expect((r["fullDescription"] as? [String: Any])?["text"] as? String == rule.rationale)
            #expect(((r["help"] as? [String: Any])?["text"] as? String)?.contains(rule.rationale) == true)
            #expect((r["defaultConfiguration"] as? [String: Any])?["level"] as? String == SARIFReporter.level(rule.severity))
            #expect((r["properties"] as? [String: Any])?["category"] as? String == rule.category)
        }
        #expect((runs[0]["results"] as? [Any])?.isEmpty == true)
        #expect((runs[0]["properties"] as? [String: Any])?["rulesVersion"] as? String == rules.version)
    }

    @Test("each result points at its rule, level, file and region")
    func results() throws {
        let rules = try Package.rules("fixtures/rulesets/valid/severities")
        let log = try parsed(Self.sarif(["fine", "noted, then warned", "x\nblocked"], rules: rules, source: "./dir/my msgs.txt"))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driverRules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        try #require(results.count == 3)
        #expect(results.map { $0["ruleId"] as? String } == ["noted-word", "warned-word", "blocked-word"])
        #expect(results.map { $0["level"] as? String } == ["note", "warning", "error"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(driverRules[index]["id"] as? String == result["ruleId"] as? String)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            // GitHub computes primaryLocationLineHash itself; textgate gives its own.
            #expect(fingerprints["primaryLocationLineHash"] == nil)
            #expect(!(fingerprints["textgate/v1"] ?? "").isEmpty)
        }
        let location = try #require(((results[2]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir/my%20msgs.txt")
        #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "SRCROOT")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 4)  // message 3 starts on line 3; "blocked" is on its second line
        #expect(region["startColumn"] as? Int == 1)
        #expect(region["endColumn"] as? Int == 8)
        #expect(((region["snippet"] as? [String: Any])?["text"] as? String) == "blocked")
    }

    @Test("uris are repository-relative: no leading ./ or /, special characters encoded", arguments: [
        ("fixtures/messages/a.txt", "fixtures/messages/a.txt"),
        ("./fixtures/a.txt", "fixtures/a.txt"),
        ("a b#c?d%e.txt", "a%20b%23c%3Fd%25e.txt"),
        // A colon in the first segment would read as a scheme.
        ("in,x:y.txt", "in,x%3Ay.txt"),
    ])
    func uris(path: String, uri: String) {
        #expect(SARIFReporter.uri(path) == uri)
    }

    @Test("an input that could not be checked makes the run unsuccessful, with a notification saying where")
    func unreadable() throws {
        let rules = try Package.rules()
        let messages = [CheckedMessage(source: "msgs.txt", number: 1, firstLine: 1, text: "Try CBD", report: rules.check("Try CBD")),
                        CheckedMessage(source: "msgs.txt", number: 2, firstLine: 2, text: "", report: nil,
                                       error: "invalid UTF-8 at byte 3; save the text as UTF-8")]
        let log = try parsed(SARIFReporter.render(messages, rules: rules.rules.map(RuleDescriptor.init), rulesVersion: rules.version))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let note = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(note["level"] as? String == "error")
        #expect(((note["message"] as? [String: Any])?["text"] as? String)?.contains("msgs.txt:2: invalid UTF-8") == true)
        // A clean run has no invocation block.
        #expect(try parsed(Self.sarif(["fine"], rules: rules))["runs"].flatMap { ($0 as? [[String: Any]])?.first?["invocations"] } == nil)
        // GitLab's Code Quality report lists it as an issue of its own.
        let gitlab = try #require(try parseJSON(GitLabReporter.render(messages, root: nil)) as? [[String: Any]])
        #expect(gitlab.contains { $0["check_name"] as? String == GitLabReporter.unreadableCheck && $0["severity"] as? String == "blocker" })
    }

    @Test("the fingerprint stays when the finding moves to another line and changes with the match")
    func fingerprints() throws {
        let rules = try Package.rules()
        func fingerprint(_ texts: [String]) throws -> [String] {
            let log = try parsed(Self.sarif(texts, rules: rules))
            let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["textgate/v1"] }
        }
        let first = try fingerprint(["Try CBD"])
        let moved = try fingerprint(["hello", "", "Try CBD"])
        let other = try fingerprint(["Try THC"])
        #expect(first.count == 1)
        #expect(first == moved)
        #expect(first != other)
        // Two identical matches in one file are two results, each with its own fingerprint.
        let twice = try fingerprint(["Try CBD", "Try CBD"])
        #expect(twice.count == 2)
        #expect(Set(twice).count == 2)
        #expect(twice[0] == first[0])
    }

    @Test("a file outside the root is an absolute file:// URI; inside it, a path relative to SRCROOT, which the run declares")
    func rootAndAbsolute() throws {
        let rules = try Package.rules()
        let messages = checked(["Try CBD"], rules: rules, source: "/srv/other place/a.txt", lines: true)
            + checked(["Try CBD"], rules: rules, source: "/work/repo/templates/b.txt", lines: true)
        let log = try parsed(SARIFReporter.render(messages, rules: rules.rules.map(RuleDescriptor.init), rulesVersion: rules.version,
                                                  root: "/work/repo"))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["SRCROOT"] as? [String: Any])
        #expect(base["uri"] as? String == "file:///work/repo/")
        let locations = try #require(run["results"] as? [[String: Any]]).map {
            try #require(($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])["artifactLocation"] as? [String: Any]
        }
        #expect(locations[0]?["uri"] as? String == "file:///srv/other%20place/a.txt")
        #expect(locations[0]?["uriBaseId"] == nil)
        #expect(locations[1]?["uri"] as? String == "templates/b.txt")
        #expect(locations[1]?["uriBaseId"] as? String == "SRCROOT")
    }

    @Test("with help_base_url each rule has helpUri (the base and its id) and help.markdown")
    func help() throws {
        let rules = try Package.rules()
        let log = try parsed(SARIFReporter.render([], rules: rules.rules.map(RuleDescriptor.init), rulesVersion: rules.version,
                                                  helpBaseURL: "https://example.org/rules.md#"))
        let driver = try #require(((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        for (r, rule) in zip(try #require(driver["rules"] as? [[String: Any]]), rules.rules) {
            #expect(r["helpUri"] as? String == "https://example.org/rules.md#" + rule.id)
            let markdown = try #require((r["help"] as? [String: Any])?["markdown"] as? String)
            #expect(markdown.contains(rule.rationale))
            #expect(markdown.contains("(https://example.org/rules.md#\(rule.id))"))
        }
    }

    @Test("severities map to SARIF levels", arguments: [(Severity.error, "error"), (.warning, "warning"), (.info, "note")])
    func levels(severity: Severity, level: String) {
        #expect(SARIFReporter.level(severity) == level)
    }
}
