import Foundation
import Testing

@Suite("lint: placeholder syntaxes, formats and paths", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintPlaceholderCLITests {
    @Test("--list-formats names every format and syntax, without needing a path")
    func listFormats() throws {
        let r = try Lint.run(["--list-formats"])
        #expect(r.status == 0, "\(r)")
        for word in ["properties", "markdown", "rails", "mustache", "notify", "python-percent", "%{name}", "((name))"] {
            #expect(r.stdout.contains(word), "\(word) is not listed")
        }
    }

    @Test("--placeholders masks the syntaxes given; an unknown one is a usage error naming the known ones")
    func placeholdersFlag() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("note.txt", "Hi ((contact.name)), see you on ((date)).\n")
        let (plain, findings) = try Lint.findings(["--fail-on", "warning", file])
        #expect(plain.status == 1, "\(plain)")
        #expect(findings.contains { $0.rule == "off-domain-link" && $0.match.contains("contact.name") })
        let (notify, none) = try Lint.findings(["--fail-on", "warning", "--placeholders", "notify,mustache", file])
        #expect(notify.status == 0, "\(notify)")
        #expect(none.isEmpty)
        let bad = try Lint.run(["--placeholders", "erb", file])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown placeholder syntax 'erb'"))
        #expect(bad.stderr.contains("rails"))
    }

    @Test("a folder with nothing lintable exits 2 naming what it skipped; other files are named in the summary")
    func skippedFiles() throws {
        let scratch = try Lint.Scratch()
        defer { scratch.remove() }
        try scratch.write("only/notes.docx", "binary-ish")
        let r = try Lint.run([scratch.path + "/only"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("no templates found"))
        #expect(r.stderr.contains("notes.docx"))

        try scratch.write("mixed/reminder.txt", "See you soon.\n")
        try scratch.write("mixed/logo.svg", "<svg/>")
        let mixed = try Lint.run([scratch.path + "/mixed"])
        #expect(mixed.status == 0, "\(mixed)")
        #expect(mixed.stdout.contains("skipped 1 file:"))
        #expect(mixed.stdout.contains("logo.svg"))
    }

    @Test("a .properties catalog in a folder is linted key by key, at the file's lines")
    func propertiesInFolder() throws {
        let file = "fixtures/templates/properties/messages_pt_BR.sms.properties"
        let (r, records) = try Lint.records(["fixtures/templates/properties"])
        #expect(r.status == 1, "\(r)")
        #expect(records.contains { $0.template == "sms.results" && $0.file == file })
        let places = records.flatMap(\.findings).filter { $0.rule == "url-shortener" && $0.file == file }.map { "\($0.line):\($0.column)" }
        let expected = try [Lint.position(of: "bit.ly/c-", in: file), Lint.position(of: "bit.ly/res-", in: file)]
        #expect(places == expected.map { "\($0.line):\($0.column)" })
    }

    @Test("each template record's line is the file line where its text starts, not its ordinal")
    func recordLine() throws {
        let r = try Lint.run(["--format", "jsonl", "fixtures/templates/properties/messages_pt_BR.sms.properties"])
        let lines = try r.jsonLines().map { $0["line"] as? Int ?? 0 }
        #expect(lines == [4, 6, 7, 8], "\(r)")
    }
}
