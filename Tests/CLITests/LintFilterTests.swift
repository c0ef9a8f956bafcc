import Foundation
import Testing

@Suite("lint: include, exclude and .textgateignore", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintFilterTests {
    static let clean = "Your appointment is tomorrow at 9:00.\n"
    static let shortener = "Your results: https://bit.ly/3xYz9Qa\n"

    @Test("exclude in .textgate.yml leaves a folder out, and the summary counts it")
    func exclude() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgate.yml", "exclude: [\"templates/drafts/**\"]\n")
        try repo.write("templates/reminder.txt", Self.clean)
        try repo.write("templates/drafts/results.txt", Self.shortener)
        let r = try repo.run(["lint", "templates"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("excluded 1 file: templates/drafts/results.txt"), "\(r)")
        // From a folder below, the patterns still count from the configuration's folder.
        let below = try repo.run(["lint", "."], in: "templates")
        #expect(below.status == 0, "\(below)")
    }

    @Test("include keeps only the templates it names")
    func include() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgate.yml", "include: [\"templates/**\"]\n")
        try repo.write("templates/reminder.txt", Self.clean)
        try repo.write("notes/results.txt", Self.shortener)
        #expect(try repo.run(["lint", "."]).status == 0)
        #expect(try repo.run(["lint", "--no-config", "."]).status == 1)
    }

    @Test("a .textgateignore that cannot be read as text exits 3 naming it, instead of linting what it excludes")
    func unreadableIgnoreFile() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("drafts/results.txt", Self.shortener)
        try Data([0x64, 0x72, 0x61, 0x66, 0x74, 0x73, 0x2F, 0xFF, 0xFE, 0x0A]).write(to: repo.root.appendingPathComponent(".textgateignore"))
        let r = try repo.run(["lint", "."])
        #expect(r.status == 3, "\(r)")
        #expect(r.stderr.contains(".textgateignore: error: cannot read"), "\(r)")
        #expect(!r.stdout.contains("results.txt"), "\(r)")
    }

    @Test(".textgateignore: a folder pattern, a name at any depth, and ! to take one back")
    func ignoreFile() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgateignore", "# drafts are not sent\ndrafts/\n!drafts/keep.txt\n*.old.txt\n")
        try repo.write("templates/reminder.txt", Self.clean)
        try repo.write("drafts/results.txt", Self.shortener)
        try repo.write("templates/sms/promo.old.txt", Self.shortener)
        let r = try repo.run(["lint", "--format", "jsonl", "."])
        #expect(r.status == 0, "\(r)")
        #expect(try r.jsonLines().compactMap { $0["file"] as? String } == ["./templates/reminder.txt"])
        try repo.write("drafts/keep.txt", Self.shortener)
        let kept = try repo.run(["lint", "--format", "jsonl", "."])
        #expect(kept.status == 1)
        #expect(try kept.jsonLines().compactMap { $0["file"] as? String } == ["./drafts/keep.txt", "./templates/reminder.txt"])
        #expect(try repo.run(["lint", "--no-config", "."]).status == 1)
    }

    @Test("files named one by one (as pre-commit passes them) are filtered too; all excluded is no error")
    func namedFiles() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgateignore", "drafts/\n")
        try repo.write("drafts/results.txt", Self.shortener)
        let r = try repo.run(["lint", "drafts/results.txt"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("every template given is excluded"), "\(r)")
    }

    @Test("placeholder_length and placeholders in .textgate.yml apply to lint")
    func placeholderSettings() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("t/visit.sms.txt", "Hello ((first_name)), your visit is on ((date)) at ((time)).\n")
        try repo.write(".textgate.yml", "placeholders: [notify]\nplaceholder_length: 60\n")
        let r = try repo.run(["lint", "t"])
        #expect(r.stdout.contains("estimated with 60 characters a placeholder"), "\(r)")
        #expect(r.stdout.contains("2 segments"), "\(r)")
    }
}

@Suite("lint: placeholders per path glob in .textgate.yml", .enabled(if: CLI.available, "the textgate binary was not found"))
struct LintPlaceholderGlobTests {
    @Test("placeholders: {\"locales/**\": [notify]} masks ((contact.name)) there only")
    func byPath() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgate.yml", "placeholders:\n  \"locales/**\": [notify]\n")
        try repo.write("locales/visit.txt", "Hi ((contact.name)), see you soon.\n")
        try repo.write("other/visit.txt", "Hi ((contact.name)), see you soon.\n")
        let r = try repo.run(["lint", "--format", "jsonl", "locales", "other"])
        let records = try r.jsonLines()
        func rules(_ file: String) -> [String] {
            (records.first { $0["file"] as? String == file }?["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        #expect(rules("locales/visit.txt").isEmpty, "\(r)")
        #expect(rules("other/visit.txt").contains("off-domain-link"), "\(r)")
    }

    @Test("an unknown syntax name in .textgate.yml is refused, naming the file")
    func unknownSyntax() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgate.yml", "placeholders:\n  \"locales/**\": [railz]\n")
        try repo.write("locales/visit.txt", "Hi.\n")
        let r = try repo.run(["lint", "locales"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(".textgate.yml: error: unknown placeholder syntax 'railz'"), "\(r)")
    }
}
