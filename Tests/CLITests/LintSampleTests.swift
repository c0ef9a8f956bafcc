import Foundation
import Testing

@Suite("lint: --sample rendering and SMS segments", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintSampleTests {
    @Test("a placeholder whose sample value is a shortener link is caught, at the placeholder, naming the value")
    func shortenerFromSample() throws {
        let file = "fixtures/templates/rendering/results-link.mustache"
        let (clean, none) = try Lint.findings([file])
        #expect(clean.status == 0, "\(clean)")
        #expect(none.isEmpty)

        let (r, findings) = try Lint.findings(["--sample", Lint.sample, file])
        #expect(r.status == 1, "\(r)")
        let f = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(f.place == "\(file):2:16 url-shortener")
        #expect(f.match == "{{{results_link}}}")
        #expect(f.message.contains("results_link = \"https://bit.ly/3xYz9Qa\""), "\(f.message)")
    }

    @Test("a sample name stored in capitals makes the rendered text all caps")
    func capsFromSample() throws {
        let file = "fixtures/templates/rendering/walk-in.mustache"
        #expect(try Lint.findings(["--fail-on", "warning", file]).findings.isEmpty)
        let (r, findings) = try Lint.findings(["--fail-on", "warning", "--sample", Lint.sample, file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map(\.place) == ["\(file):1:1 all-caps"])
        #expect(findings.first?.match == "{{location_name}}")
        #expect(findings.first?.message.contains("location_name = \"RIVERSIDE FAMILY MEDICINE WALK-IN CLINIC\"") == true)
    }

    @Test("clean templates stay clean when rendered with realistic values")
    func cleanRendered() throws {
        let (r, findings) = try Lint.findings(["--fail-on", "warning", "--sample", Lint.sample, "fixtures/templates/clean"])
        #expect(r.status == 0, "\(r)")
        #expect(findings.isEmpty)
    }

    @Test("a template that is not valid Mustache is an error when rendered")
    func renderError() throws {
        let file = "fixtures/templates/rendering/copay-notice.mustache"
        let (r, findings) = try Lint.findings(["--sample", Lint.sample, file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map(\.rule) == ["template-render"])
        #expect(findings.first?.severity == "error")
    }

    @Test("Handlebars block helpers in .hbs templates render with --sample")
    func handlebarsHelpers() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("results.hbs", """
            Hi {{first_name}}, your results are ready.
            {{#if portal_enabled}}Log in at https://portal.riversidefamilymed.com to read them.{{else}}Call (201) 555-0100.{{/if}}

            """)
        #expect(try Lint.run([file]).status == 0)
        let (_, findings) = try Lint.findings(["--sample", Lint.sample, file])
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("an unreadable or malformed sample file is a usage error")
    func invalidSample() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let list = try scratch.write("sample.yml", "- Maria\n- Dr. Patel\n")
        let r = try Lint.run(["--sample", list, "fixtures/templates/clean"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("invalid sample values: expected a mapping"))
        let missing = try Lint.run(["--sample", scratch.dir.appendingPathComponent("none.yml").path, "fixtures/templates/clean"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stdout.isEmpty)
    }

    @Test("SMS templates (.sms. in the file name) over one segment get a warning; others only a segment count")
    func smsByFileName() throws {
        let (r, records) = try Lint.records(["fixtures/templates/sms"])
        #expect(r.status == 0, "\(r)")
        let byName = Dictionary(uniqueKeysWithValues: records.map { (($0.file as NSString).lastPathComponent, $0) })
        #expect(byName["appointment.sms.txt"].map { [$0.encoding, "\($0.segments)"] } == ["GSM-7", "1"])
        #expect(byName["appointment.sms.txt"]?.findings.isEmpty == true)
        #expect(byName["colonoscopy-prep.sms.mustache"]?.findings.map(\.rule) == ["sms-segments"])
        #expect(byName["new-patient-welcome.txt"].map { [$0.encoding, "\($0.segments)"] } == ["GSM-7", "2"])
        #expect(byName["new-patient-welcome.txt"]?.findings.isEmpty == true)
        #expect(try Lint.run(["--fail-on", "warning", "fixtures/templates/sms/colonoscopy-prep.sms.mustache"]).status == 1)
    }

    @Test("one curly apostrophe makes an SMS UCS-2; the warning says so and suggests the fix")
    func curlyApostrophe() throws {
        let (_, records) = try Lint.records(["fixtures/templates/sms/portal-invite.sms.txt"])
        let record = try #require(records.first)
        #expect(record.encoding == "UCS-2")
        #expect(record.segments == 2)
        let f = try #require(record.findings.first)
        #expect(f.rule == "sms-segments")
        #expect(f.message.contains("2 segments (UCS-2"))
        let text = try Lint.run(["fixtures/templates/sms/portal-invite.sms.txt"])
        #expect(text.stdout.contains("suggestion: Replace ’ with ' to send as GSM-7"), "\(text)")
        #expect(text.lines.contains("fixtures/templates/sms/portal-invite.sms.txt: UCS-2, 2 segments"))
    }

    @Test("--sms treats every template as SMS")
    func smsFlag() throws {
        let file = "fixtures/templates/sms/new-patient-welcome.txt"
        #expect(try Lint.findings([file]).findings.isEmpty)
        let (_, findings) = try Lint.findings(["--sms", file])
        #expect(findings.map(\.rule) == ["sms-segments"])
    }

    @Test("segments are counted on the rendered text when samples are given")
    func segmentsRendered() throws {
        let (_, records) = try Lint.records(["--sample", Lint.sample, "fixtures/templates/clean/appointment-reminder.sms.txt"])
        let record = try #require(records.first)
        #expect(record.segments == 1)
        #expect(record.findings.isEmpty)
    }

    @Test("a suppression comment, which patients never see, does not count toward an SMS's length")
    func commentsNotCounted() throws {
        let file = "fixtures/templates/sms/lab-prep.sms.mustache"
        // Rendered, the comment is gone: one segment.
        #expect(try Lint.records(["--sample", Lint.sample, file]).records.first?.segments == 1)
        let (_, records) = try Lint.records([file])
        #expect(records.first?.segments == 1)
        #expect(records.first?.findings.isEmpty == true, "\(records.first?.findings ?? [])")
    }
}
