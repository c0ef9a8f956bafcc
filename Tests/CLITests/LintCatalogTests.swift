import Foundation
import Testing

@Suite("lint: YAML and JSON catalogs", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintCatalogTests {
    @Test("a YAML map of name to text: each template is named, and findings point into the file")
    func yamlMap() throws {
        let file = "fixtures/templates/catalogs/map/reminders.yml"
        let (r, records) = try Lint.records([file])
        #expect(r.status == 1, "\(r)")
        #expect(records.map { $0.template ?? "-" } == [
            "confirm", "cancel_reply", "lab_results", "flu_shot", "colonoscopy_prep", "pediatrics.well_child", "pediatrics.vaccines",
        ])
        let findings = records.flatMap(\.findings)
        #expect(findings.map { "\($0.template ?? "-") \($0.line):\($0.column) \($0.rule)" } == [
            "cancel_reply 4:58 reserved-keyword-reply",    // plain scalar
            "lab_results 5:66 url-shortener",              // double-quoted, after \"escaped\" quotes
            "flu_shot 6:61 percent-off",                   // single-quoted, after a doubled ''
            "colonoscopy_prep 9:22 url-shortener",         // literal block, second line, indented
        ])
        for f in findings {
            #expect(try Lint.text(in: file, line: f.line, column: f.column, count: f.match.unicodeScalars.count) == f.match, "\(f)")
        }
    }

    @Test("text, github and junit output name the catalog file and the template's own line")
    func catalogInReports() throws {
        let file = "fixtures/templates/catalogs/map/reminders.yml"
        let text = try Lint.run([file])
        #expect(text.lines.contains { $0.hasPrefix("\(file):9:22: error: ") }, "\(text)")
        #expect(text.lines.contains("  Prep instructions: https://tinyurl.com/rfm-prep"))
        let github = try Lint.run(["--format", "github", file])
        #expect(github.lines.contains { $0.hasPrefix("::error file=\(file),line=9,endLine=9,col=22,") }, "\(github)")
    }

    @Test("a JSON list of {name, body, channel}: positions inside JSON strings, after \\u escapes too")
    func jsonList() throws {
        let file = "fixtures/templates/catalogs/list/outreach.json"
        let (r, records) = try Lint.records([file])
        #expect(r.status == 1, "\(r)")
        #expect(records.map { $0.template ?? "-" } == ["flu-reminder", "results-sms", "portal-welcome", "colonoscopy-prep", "reschedule"])
        let shortener = try #require(records[1].findings.first { $0.rule == "url-shortener" })
        #expect("\(shortener.line):\(shortener.column)" == "10:75")
        #expect(try Lint.text(in: file, line: 10, column: 75, count: 22) == "https://bit.ly/3xYz9Qa")
    }

    @Test("a finding on the second line of a JSON string (after \\n) points at its text")
    func jsonEscapedNewline() throws {
        let file = "fixtures/templates/catalogs/list/outreach.json"
        let (_, records) = try Lint.records([file])
        let f = try #require(records.first { $0.template == "reschedule" }?.findings.first)
        #expect(f.rule == "reserved-keyword-reply")
        let expected = try Lint.position(of: "Reply CANCEL", in: file)
        #expect("\(f.line):\(f.column)" == "\(expected.line):\(expected.column)")
    }

    @Test("catalog entries with channel: sms get the segment warning, others do not")
    func channelSMS() throws {
        let (_, records) = try Lint.records(["fixtures/templates/catalogs/list/outreach.json"])
        let sms = records.filter { $0.findings.contains { $0.rule == "sms-segments" } }.compactMap(\.template)
        #expect(sms == ["results-sms", "colonoscopy-prep"])
        let welcome = try #require(records.first { $0.template == "portal-welcome" })
        #expect(welcome.segments > 1)    // long, but sent by e-mail
        #expect(welcome.findings.isEmpty)
    }

    @Test("a nested catalog: --field selects the bodies, so metadata is not linted as templates")
    func nestedField() throws {
        let file = "fixtures/templates/catalogs/nested/campaigns.yml"
        let (_, withoutField) = try Lint.records([file])
        #expect(withoutField.contains { $0.template == "title" && $0.findings.contains { $0.rule == "all-caps" } })

        let (r, records) = try Lint.records(["--field", "reminders.*.body", file])
        #expect(r.status == 0, "\(r)")
        #expect(records.map { $0.template ?? "-" } == ["reminders.annual-physical.body", "reminders.mammogram.body"])
        let f = try #require(records.flatMap(\.findings).first)
        #expect(f.place == "\(file):16:7 reserved-keyword-reply")
        #expect(f.match == "Reply CANCEL")
        #expect(records.flatMap(\.findings).count == 1)
    }

    @Test("--field can be repeated, and a list index (counted from 0, as in jq) selects one item")
    func fieldIndex() throws {
        let file = "fixtures/templates/catalogs/nested/campaigns.yml"
        let (r, records) = try Lint.records(["--field", "reminders.1.body", "--field", "owner", file])
        #expect(r.status == 0, "\(r)")
        #expect(records.map { $0.template ?? "-" } == ["reminders.mammogram.body", "owner"])
    }

    @Test("a --field that selects nothing is a usage error that says so")
    func fieldSelectsNothing() throws {
        let r = try Lint.run(["--field", "reminder.*.body", "fixtures/templates/catalogs/nested"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("--field reminder.*.body selects no text in any catalog"))
    }

    @Test("a catalog that is not valid YAML is reported with its file, line and column, exit 2")
    func invalidCatalog() throws {
        let r = try Lint.run(["fixtures/templates/invalid-catalog"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("fixtures/templates/invalid-catalog/reminders.yml:"))
        #expect(r.stderr.contains("error: invalid YAML or JSON"))
    }

    @Test("duplicate template names in a catalog are an error")
    func duplicateNames() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("reminders.yml", "confirm: Hi {{first_name}}.\nresults: Your results are ready.\nconfirm: Reply C to cancel.\n")
        let r = try Lint.run([file])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("duplicate template name `confirm`"))
    }

    @Test("JSON encoders escape emoji as surrogate pairs; such a catalog is read")
    func surrogatePairs() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        // What JSONEncoder / json.dumps write for "📅 Flu shots are in: https://bit.ly/flu".
        let file = try scratch.write("outreach.json", #"[{"name": "flu", "channel": "sms", "body": "\ud83d\udcc5 Flu shots are in: https://bit.ly/flu"}]"#)
        let r = try Lint.run(["--format", "jsonl", file])
        let template = (try? r.jsonLines())?.first?["template"] as? String
        #expect(r.status == 1, "\(r)")
        #expect(template == "flu")
    }
}
