import Foundation
import Testing

@Suite("lint: suppression directives", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintSuppressionTests {
    static let dir = "fixtures/templates/suppressions/"

    @Test("disable-next-line with a reason suppresses the finding on the next line only")
    func nextLine() throws {
        let (r, findings) = try Lint.findings(["--fail-on", "warning", Self.dir + "lab-partner-next-line.mustache"])
        #expect(r.status == 0, "\(r)")
        #expect(findings.isEmpty)
        // The same link on another line is still reported.
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("moved.mustache", """
            {{! textgate-disable-next-line off-domain-link -- Quest fasting page; approved by compliance }}
            Hi {{first_name}}, your blood draw is {{date}}.
            Fasting instructions: https://www.questdiagnostics.com/fasting

            """)
        let moved = try Lint.findings([file]).findings
        #expect(moved.map { "\($0.line):\($0.column) \($0.rule)" }.sorted() == ["1:1 unused-suppression", "3:23 off-domain-link"])
    }

    @Test("disable … enable suppresses a block; the same rule after enable is reported again")
    func block() throws {
        let (r, findings) = try Lint.findings([Self.dir + "self-pay-block.mustache"])
        #expect(r.status == 0, "\(r)")
        #expect(findings.map(\.place) == [Self.dir + "self-pay-block.mustache:5:18 percent-off"])
        #expect(findings.first?.match == "15% off")
    }

    @Test("a disable without enable lasts to the end of the template")
    func blockToEnd() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("price-list.mustache", """
            Riverside Family Medicine self-pay prices:
            {{! textgate-disable percent-off -- price-transparency notice required by state law }}
            Lab panels: 20% off when paid at the visit.
            Vaccines: 10% off when paid at the visit.

            """)
        let (r, findings) = try Lint.findings(["--fail-on", "warning", file])
        #expect(r.status == 0, "\(r)")
        #expect(findings.isEmpty)
    }

    @Test("a directive without a reason is an error, and does not suppress anything", arguments: [
        ("missing-reason.mustache", "needs a reason"),
        ("misspelled-rule.mustache", "unknown rule `off-domain-links`; did you mean `off-domain-link`?"),
        ("unknown-directive.mustache", "unknown directive `textgate-disable-line`"),
    ])
    func malformed(file: String, problem: String) throws {
        let (r, findings) = try Lint.findings([Self.dir + file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map { "\($0.line):\($0.column) \($0.rule) \($0.severity)" } == [
            "1:1 invalid-suppression error",
            "2:23 off-domain-link warning",
        ])
        #expect(findings.first?.message.contains(problem) == true, "\(findings.first?.message ?? "")")
        let text = try Lint.run([Self.dir + file])
        #expect(text.lines.contains { $0.hasPrefix(Self.dir + file + ":1:1: error: Malformed suppression: ") && $0.hasSuffix("[invalid-suppression]") }, "\(text)")
    }

    @Test("a malformed directive fails even with --fail-on error and a report written to a file")
    func malformedNeverPasses() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        for format in ["text", "json", "jsonl", "sarif", "github", "junit"] {
            let out = scratch.dir.appendingPathComponent("report.\(format)").path
            let r = try Lint.run(["--fail-on", "error", "--format", format, "--output", out, Self.dir + "missing-reason.mustache"])
            #expect(r.status == 1, "\(format): \(r)")
            #expect(r.stdout.isEmpty)
            #expect(try scratch.read("report.\(format)").contains("invalid-suppression"), "\(format)")
        }
    }

    @Test("a suppression that suppresses nothing is reported as a warning")
    func unused() throws {
        let file = Self.dir + "unused.mustache"
        let (r, findings) = try Lint.findings([file])
        #expect(r.status == 0, "\(r)")
        #expect(findings.map { "\($0.line):\($0.column) \($0.rule) \($0.severity)" } == ["1:1 unused-suppression warning"])
        #expect(findings.first?.message.contains("`textgate-disable-next-line url-shortener` suppresses nothing") == true)
        #expect(try Lint.run(["--fail-on", "warning", file]).status == 1)
    }

    @Test("a directive naming two rules reports the one that suppressed nothing")
    func partlyUnused() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("prep.mustache", """
            {{! textgate-disable-next-line off-domain-link, url-shortener -- Quest fasting page }}
            Fasting instructions: https://www.questdiagnostics.com/fasting

            """)
        let (_, findings) = try Lint.findings([file])
        #expect(findings.map(\.rule) == ["unused-suppression"])
        #expect(findings.first?.message.contains("url-shortener") == true)
    }

    @Test("a rule with suppressible: false cannot be suppressed: the directive is an error and the finding stays")
    func notSuppressible() throws {
        let (r, findings) = try Lint.findings([Self.dir + "cannabis-study.mustache"])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map { "\($0.line):\($0.column) \($0.rule)" } == ["1:1 invalid-suppression", "2:52 cannabis"])
        #expect(findings.first?.message.contains("rule `cannabis` cannot be suppressed") == true)
    }

    @Test("suppressions work inside a catalog's literal block, at the template's own lines")
    func inCatalog() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("prep.yml", """
            # Lab prep texts
            fasting: |
              Hi {{first_name}}, your blood draw is {{date}}.
              {{! textgate-disable-next-line off-domain-link -- Quest fasting page; approved by compliance }}
              Fasting instructions: https://www.questdiagnostics.com/fasting
            glucose: |
              {{! textgate-disable-next-line off-domain-link }}
              Glucose test prep: https://www.questdiagnostics.com/glucose

            """)
        let (r, findings) = try Lint.findings([file])
        #expect(r.status == 1, "\(r)")
        #expect(findings.map { "\($0.template ?? "-") \($0.line):\($0.column) \($0.rule)" } == [
            "glucose 7:3 invalid-suppression",
            "glucose 8:22 off-domain-link",
        ])
    }

    @Test("an over-long SMS template that is approved can be suppressed")
    func smsSegmentsSuppressible() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("prep.sms.mustache", """
            {{! textgate-disable sms-segments -- prep must be complete in one text; approved by Dr. Patel }}
            Riverside Family Medicine: {{first_name}}, your colonoscopy is {{date}}. Start the clear liquid diet the day before and do not eat solid food after midnight. Call (201) 555-0100 with questions.

            """)
        let (_, findings) = try Lint.findings([file])
        #expect(findings.isEmpty, "\(findings)")
    }
}
