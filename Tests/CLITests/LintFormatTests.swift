import Foundation
import SARIFSchemaCheck
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("lint: output formats", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintFormatTests {
    static let scenarios = ["fixtures/templates/clean", "fixtures/templates/violations", "fixtures/templates/suppressions",
                            "fixtures/templates/catalogs/map", "fixtures/templates/catalogs/list", "fixtures/templates/sms"]

    static func sarif(_ arguments: [String]) throws -> [String: Any] {
        let r = try Lint.run(["--format", "sarif"] + arguments)
        return try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any], "\(r)")
    }

    @Test("SARIF validates against the official SARIF 2.1.0 schema, for every scenario",
          .enabled(if: SARIFSchemaCheck.available, "python3 with the jsonschema module is not available, so the schema check is skipped"))
    func sarifSchema() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        var paths: [String] = []
        let runs: [[String]] = Self.scenarios.map { [$0] } + [
            ["--sample", Lint.sample, "fixtures/templates/rendering"],
            ["--field", "reminders.*.body", "fixtures/templates/catalogs/nested"],
            ["./fixtures/templates/legacy"],
        ]
        for (i, arguments) in runs.enumerated() {
            let out = scratch.dir.appendingPathComponent("run\(i).sarif").path
            let r = try Lint.run(["--format", "sarif", "--output", out] + arguments)
            #expect(r.status != 2 && r.status != 3, "\(arguments): \(r)")
            paths.append(out)
        }
        let result = try #require(SARIFSchemaCheck.validate(paths, schema: CLI.root.appendingPathComponent("fixtures/sarif-schema-2.1.0.json").path))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("SARIF: repository-relative URIs, a rules array with the built-in checks, ruleIndex and regions")
    func sarifContent() throws {
        let log = try Self.sarif(["./fixtures/templates/catalogs/map"])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        for id in ["url-shortener", "cannabis", "reserved-keyword-reply", "invalid-suppression", "unused-suppression", "sms-segments", "template-render"] {
            #expect(rules.contains(id), "\(id)")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index] == result["ruleId"] as? String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "fixtures/templates/catalogs/map/reminders.yml")
        }
        let literal = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String ?? "" ~= "tinyurl" })
        let region = try #require(((literal["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 9)
        #expect(region["startColumn"] as? Int == 22)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == "https://tinyurl.com/rfm-prep")
    }

    @Test("SARIF partialFingerprints do not change when a template moves to another line")
    func sarifFingerprints() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("results.txt", "Your results: https://bit.ly/3xYz9Qa\n")
        func fingerprint() throws -> String? {
            let run = try #require((try Self.sarif([file])["runs"] as? [[String: Any]])?.first)
            let result = try #require((run["results"] as? [[String: Any]])?.first)
            return (result["partialFingerprints"] as? [String: Any])?["textgate/v1"] as? String
        }
        let before = try #require(try fingerprint())
        try scratch.write("results.txt", "Riverside Family Medicine\n\nYour results: https://bit.ly/3xYz9Qa\n")
        #expect(try fingerprint() == before)
    }

    @Test("github: one annotation per finding with file, line and columns; % , : and newlines escaped")
    func github() throws {
        let r = try Lint.run(["--format", "github", "fixtures/templates/violations/flu-clinic.hbs", "fixtures/templates/catalogs/map/reminders.yml"])
        #expect(r.status == 1)
        #expect(r.lines.count == 6, "\(r)")
        let percent = try #require(r.lines.first { $0.contains("percent-off") && $0.contains("flu-clinic") })
        #expect(percent.hasPrefix("::warning file=fixtures/templates/violations/flu-clinic.hbs,line=2,endLine=2,col=5,endColumn=12,title=percent-off (promotional)::"))
        #expect(percent.hasSuffix("Matched: \"20%25 off\"."))
        let shortener = try #require(r.lines.first { $0.contains("tinyurl") })
        #expect(shortener.hasPrefix("::error file=fixtures/templates/catalogs/map/reminders.yml,line=9,endLine=9,col=22,"))
        // A multi-line match and a file name with a comma and colon are escaped.
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let odd = try scratch.write("promo, v2: final.txt", "FLU SHOTS\nARE IN AT THE CLINIC\n")
        let escaped = try Lint.run(["--format", "github", odd])
        let line = try #require(escaped.lines.first, "\(escaped)")
        #expect(escaped.lines.count == 1)
        #expect(line.contains("promo%2C v2%3A final.txt,line=1,"), "\(line)")
        #expect(line.hasSuffix("Matched: \"FLU SHOTS%0AARE IN AT THE CLINIC\"."), "\(line)")
    }

    @Test("github: at most 10 annotations per level, then a notice with how many more")
    func githubLimit() throws {
        let r = try Lint.run(["--format", "github", "fixtures/templates/legacy", "fixtures/templates/violations"])
        #expect(r.status == 1)
        #expect(r.lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(r.lines.filter { $0.hasPrefix("::error ") }.count == 2)
        #expect(r.lines.last == "::notice title=textgate::7 more findings are not shown here (GitHub shows 10 per level); run with --format sarif and upload the report for all of them.")
    }

    #if canImport(FoundationXML) || os(macOS)
    @Test("junit: one test case per template, a failure per finding at or above --fail-on")
    func junit() throws {
        let r = try Lint.run(["--format", "junit", "fixtures/templates/catalogs/map/reminders.yml", "fixtures/templates/clean/refill-ready.txt"])
        #expect(r.status == 1)
        let doc = try XMLDocument(data: r.stdoutData)
        let cases = try doc.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.compactMap { $0.attribute(forName: "name")?.stringValue } == [
            "fixtures/templates/catalogs/map/reminders.yml#confirm", "fixtures/templates/catalogs/map/reminders.yml#cancel_reply",
            "fixtures/templates/catalogs/map/reminders.yml#lab_results", "fixtures/templates/catalogs/map/reminders.yml#flu_shot",
            "fixtures/templates/catalogs/map/reminders.yml#colonoscopy_prep", "fixtures/templates/catalogs/map/reminders.yml#pediatrics.well_child",
            "fixtures/templates/catalogs/map/reminders.yml#pediatrics.vaccines", "fixtures/templates/clean/refill-ready.txt",
        ])
        let failures = try doc.nodes(forXPath: "//failure").compactMap { $0 as? XMLElement }
        #expect(failures.compactMap { $0.attribute(forName: "type")?.stringValue } == ["url-shortener", "url-shortener"])
        #expect(failures.first?.stringValue?.hasPrefix("fixtures/templates/catalogs/map/reminders.yml:5:66: error: ") == true)
        let suite = try #require(try doc.nodes(forXPath: "//testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "8")
        #expect(suite.attribute(forName: "failures")?.stringValue == "2")

        // With --fail-on warning, the warnings are failures too.
        let strict = try XMLDocument(data: Lint.run(["--format", "junit", "--fail-on", "warning", "fixtures/templates/catalogs/map/reminders.yml"]).stdoutData)
        #expect(try strict.nodes(forXPath: "//failure").count == 4)
    }
    #endif

    @Test("json: one array of template records with file, template name, encoding, segments and findings")
    func json() throws {
        let r = try Lint.run(["--format", "json", "fixtures/templates/catalogs/list/outreach.json"])
        #expect(r.status == 1)
        let records = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        #expect(records.count == 5)
        let results = try #require(records.first { $0["template"] as? String == "results-sms" })
        #expect(results["file"] as? String == "fixtures/templates/catalogs/list/outreach.json")
        #expect(results["encoding"] as? String == "UCS-2")
        #expect(results["segments"] as? Int == 2)
        #expect(results["decision"] as? String == "block")
        let rules = (results["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
        #expect(rules == ["sms-segments", "url-shortener"])
    }

    @Test("jsonl: one record per line, in file order, clean templates included")
    func jsonl() throws {
        let r = try Lint.run(["--format", "jsonl", "fixtures/templates/clean"])
        #expect(r.status == 0)
        let records = try r.jsonLines()
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0["decision"] as? String == "allow" })
        #expect(records.first?["file"] as? String == "fixtures/templates/clean/appointment-reminder.sms.txt")
        #expect(records.first?["template"] is NSNull)
    }

    @Test("--output writes the report to a file, in every format, and keeps the exit code")
    func output() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        for format in ["text", "json", "jsonl", "sarif", "github", "junit"] {
            let out = scratch.dir.appendingPathComponent("report.\(format)").path
            let r = try Lint.run(["--format", format, "--output", out, "fixtures/templates/violations/results-ready.txt"])
            #expect(r.status == 1, "\(format): \(r)")
            #expect(r.stdout.isEmpty, "\(format)")
            let written = try scratch.read("report.\(format)")
            #expect(written == (try Lint.run(["--format", format, "fixtures/templates/violations/results-ready.txt"]).stdout), "\(format)")
        }
    }
}

private extension String {
    static func ~= (haystack: String, needle: String) -> Bool { haystack.contains(needle) }
}
