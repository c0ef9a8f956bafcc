import Foundation
import Testing

@Suite("lint: exit codes", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintExitCodeTests {
    @Test("0 when clean, 1 when a finding reaches --fail-on")
    func findings() throws {
        #expect(try Lint.run(["fixtures/templates/clean"]).status == 0)
        #expect(try Lint.run(["fixtures/templates/violations"]).status == 1)
        #expect(try Lint.run(["fixtures/templates/clean", "fixtures/templates/violations/results-ready.txt"]).status == 1)
    }

    @Test("a template an error rule could not finish checking fails the lint as blocked, never passes")
    func incompleteErrorRule() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("slow.txt", String(repeating: "a", count: 60) + "!")
        let r = try Lint.run(["--rules", "fixtures/rulesets/valid/catastrophic-regex-error", "--format", "jsonl", file])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("\"decision\":\"block\""), "\(r.stdout)")
        #expect(r.stdout.contains("\"incomplete\":[\"nested-quantifier-error\"]"), "\(r.stdout)")
    }

    @Test("warnings fail only with --fail-on warning")
    func failOnWarning() throws {
        let file = "fixtures/templates/violations/appointment-confirm.mustache"
        #expect(try Lint.run([file]).status == 0)
        #expect(try Lint.run(["--fail-on", "error", file]).status == 0)
        #expect(try Lint.run(["--fail-on", "warning", file]).status == 1)
        #expect(try Lint.run(["--fail-on", "warning", "fixtures/templates/clean"]).status == 0)
        #expect(try Lint.run(["--fail-on", "info", file]).status == 2)
    }

    @Test("2 for a broken rule set: every problem printed, nothing checked, also with --output")
    func brokenRules() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let dir = "fixtures/rulesets/invalid/three-broken-files"
        for format in ["text", "sarif", "junit"] {
            let out = scratch.dir.appendingPathComponent("report.\(format)").path
            let r = try Lint.run(["--rules", dir, "--format", format, "--output", out, "fixtures/templates/clean"])
            #expect(r.status == 2, "\(format): \(r)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("nothing was checked"))
            #expect(!FileManager.default.fileExists(atPath: out), "a report was written for a broken rule set")
        }
        let plain = try Lint.run(["--rules", dir, "fixtures/templates/clean"])
        #expect(plain.status == 2)
        let expected = try String(contentsOf: CLI.root.appendingPathComponent("\(dir)/expected.txt"), encoding: .utf8)
        for line in expected.split(separator: "\n") { #expect(plain.stderr.contains(line)) }
        #expect(try Lint.run(["--rules", "fixtures/rulesets/no-such-dir", "fixtures/templates/clean"]).status == 2)
    }

    @Test("2 for usage errors: no paths, an unknown format or option")
    func usage() throws {
        #expect(try Lint.run([]).status == 2)
        #expect(try Lint.run(["--format", "xml", "fixtures/templates/clean"]).status == 2)
        #expect(try Lint.run(["--bogus", "fixtures/templates/clean"]).status == 2)
    }

    @Test("3 for a path that does not exist, naming it")
    func missingPath() throws {
        let r = try Lint.run(["fixtures/templates/clean", "fixtures/templates/no-such-folder"])
        #expect(r.status == 3, "\(r)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("fixtures/templates/no-such-folder: error: cannot read: no such file or directory"))
    }

    @Test("3 for a template that is not UTF-8, naming it")
    func notUTF8() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        // "Café" saved as Latin-1 by an old editor.
        let file = try scratch.write("reminder.txt", data: Data([0x43, 0x61, 0x66, 0xE9, 0x0A]))
        let r = try Lint.run([file])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.contains("\(file): error: cannot read: not valid UTF-8"))
    }

    @Test("3 when the report file cannot be written")
    func unwritableOutput() throws {
        let r = try Lint.run(["--output", "/nonexistent-dir/report.sarif", "--format", "sarif", "fixtures/templates/clean"])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.contains("cannot write /nonexistent-dir/report.sarif"))
    }

    @Test("a malformed suppression exits 1 in every format")
    func malformedSuppression() throws {
        for format in ["text", "json", "jsonl", "sarif", "github", "junit"] {
            #expect(try Lint.run(["--format", format, "fixtures/templates/suppressions/unknown-directive.mustache"]).status == 1, "\(format)")
        }
    }
}
