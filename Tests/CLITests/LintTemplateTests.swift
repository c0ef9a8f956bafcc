import Foundation
import Testing

@Suite("lint: template files and placeholders", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintTemplateTests {
    @Test("clean templates in every one-template format pass with exit 0")
    func clean() throws {
        let (r, records) = try Lint.records(["fixtures/templates/clean"])
        #expect(r.status == 0, "\(r)")
        #expect(records.map(\.file) == [
            "fixtures/templates/clean/appointment-reminder.sms.txt",
            "fixtures/templates/clean/lab-results.mustache",
            "fixtures/templates/clean/refill-ready.txt",
            "fixtures/templates/clean/visit-summary.hbs",
        ])
        #expect(records.allSatisfy { $0.findings.isEmpty })
        let text = try Lint.run(["fixtures/templates/clean"])
        #expect(text.status == 0)
        #expect(text.lines.last?.hasPrefix("0 errors, 0 warnings, 0 infos in 4 messages (rules ") == true, "\(text)")
    }

    @Test("each violation is reported at its file, line and column, in .txt, .mustache and .hbs files")
    func violations() throws {
        let (r, findings) = try Lint.findings(["fixtures/templates/violations"])
        #expect(r.status == 1, "\(r)")
        let dir = "fixtures/templates/violations/"
        #expect(findings.map(\.place) == [
            dir + "appointment-confirm.mustache:3:23 reserved-keyword-reply",
            dir + "check-in.txt:1:1 all-caps",
            dir + "flu-clinic.hbs:2:5 percent-off",
            dir + "flu-clinic.hbs:2:28 promotional-offer",
            dir + "intake-forms.txt:1:57 off-domain-link",
            dir + "results-ready.txt:2:17 url-shortener",
            dir + "wellness-newsletter.mustache:1:47 cannabis",
        ])
        // Each position is where the matched text really is in the file.
        for f in findings {
            #expect(try Lint.text(in: f.file, line: f.line, column: f.column, count: f.match.unicodeScalars.count) == f.match, "\(f)")
        }
    }

    @Test("text output: file:line:col, severity, message and rule, the line with a caret, and a summary")
    func textOutput() throws {
        let r = try Lint.run(["fixtures/templates/violations/results-ready.txt"])
        #expect(r.status == 1)
        #expect(r.lines.contains { $0.hasPrefix("fixtures/templates/violations/results-ready.txt:2:17: error: This text links to a public URL shortener") && $0.hasSuffix("[url-shortener]") }, "\(r)")
        #expect(r.lines.contains("View them here: https://bit.ly/3xYz9Qa"))
        #expect(r.lines.contains(String(repeating: " ", count: 16) + "^" + String(repeating: "~", count: 21)))
        #expect(r.lines.last?.hasPrefix("1 error, 0 warnings, 0 infos in 1 message") == true)
    }

    @Test("columns count Unicode code points, so an emoji before a finding is one column")
    func emojiColumns() throws {
        let (_, findings) = try Lint.findings(["fixtures/templates/violations/wellness-newsletter.mustache"])
        let f = try #require(findings.first)
        #expect(f.place == "fixtures/templates/violations/wellness-newsletter.mustache:1:47 cannabis")
        #expect(f.match == "CBD")
    }

    @Test("a placeholder never triggers a rule: a dotted name that looks like a link is fine in a template")
    func placeholderNeverTriggers() throws {
        // `check` reads a message about to be sent: the braces are a bug, and the words inside a
        // link to patient.name; `lint` knows it is a placeholder.
        let checked = try CLI.run(["check", "--format", "jsonl", "Hi {{patient.name}}, your lab results are ready."])
        let rules = (try checked.jsonLines().first?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules == ["unrendered-placeholder", "off-domain-link"])
        let (r, findings) = try Lint.findings(["fixtures/templates/clean/lab-results.mustache"])
        #expect(r.status == 0, "\(r)")
        #expect(findings.isEmpty)
    }

    @Test("a placeholder's capitals do not count: capitalised placeholder names do not make a text all caps")
    func placeholderCapitals() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let caps = try scratch.write("caps.mustache", "{{PRACTICE_NAME}} - {{APPOINTMENT_TYPE}} on {{APPOINTMENT_DATE}}: SEE YOU THEN, BRING YOUR CARD.\n")
        let (r, findings) = try Lint.findings(["fixtures/templates/clean/visit-summary.hbs", caps])
        #expect(r.status == 0)
        // Only the text the template itself writes in capitals is flagged.
        #expect(findings.map(\.rule) == ["all-caps"])
        let f = try #require(findings.first)
        #expect(f.file == caps)
        #expect(f.match.hasSuffix("SEE YOU THEN, BRING YOUR CARD."))
        // The match is quoted in every report and recorded in baselines: it should be the template's own text.
        let inFile = try Lint.text(in: caps, line: f.line, column: f.column, count: f.match.unicodeScalars.count)
        #expect(f.match == inFile)
    }

    @Test("a placeholder's text is not matched, but what comes after it keeps its column")
    func offsetsAfterPlaceholders() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("confirm.mustache",
            "{{! textgate: appointment confirmation, v3 }}\nHi {{first_name}} {{{bit.ly}}}, {{#details}}{{provider}} on {{date}}{{/details}}. Reply CANCEL to cancel your appointment.\n")
        let (_, findings) = try Lint.findings([file])
        #expect(findings.map { "\($0.line):\($0.column) \($0.rule)" } == ["2:83 reserved-keyword-reply"])
        #expect(findings.first?.match == "Reply CANCEL")
    }

    @Test("folders are searched recursively for .txt, .mustache, .hbs, .md, .yml, .yaml and .json; other files are skipped")
    func recursive() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        try scratch.write("a/b/c/deep.txt", "Try CBD for sleep.")
        try scratch.write("a/one.hbs", "Hi {{first_name}}.")
        try scratch.write("a/two.yaml", "x: Hi.")
        try scratch.write("a/notes.md", "Try CBD for sleep.")
        try scratch.write("a/script.js", "const x = 'Try CBD'")
        let (r, records) = try Lint.records([scratch.dir.appendingPathComponent("a").path])
        #expect(r.status == 1)
        #expect(records.map { ($0.file as NSString).lastPathComponent } == ["deep.txt", "notes.md", "one.hbs", "two.yaml"])
    }

    @Test("files and folders can be mixed on the command line")
    func mixedPaths() throws {
        let (r, records) = try Lint.records(["fixtures/templates/violations/results-ready.txt", "fixtures/templates/clean"])
        #expect(r.status == 1)
        #expect(records.count == 5)
        #expect(records.first?.file == "fixtures/templates/violations/results-ready.txt")
    }

    @Test("--allow-domain accepts a partner's links for this run")
    func allowDomain() throws {
        let file = "fixtures/templates/violations/intake-forms.txt"
        #expect(try Lint.run(["--fail-on", "warning", file]).status == 1)
        let (r, findings) = try Lint.findings(["--fail-on", "warning", "--allow-domain", "intakeq.com", file])
        #expect(r.status == 0, "\(r)")
        #expect(findings.isEmpty)
    }
}
