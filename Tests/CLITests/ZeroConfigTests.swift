import Foundation
import Testing

@Suite("zero-config rules and .textgate.yml", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ZeroConfigTests {
    /// The version of the repository's rules/, as `check` reports it.
    static func diskVersion() throws -> String {
        try #require(try CLI.run(["check", "--format", "jsonl", "fine"]).jsonLines().first?["rulesVersion"] as? String)
    }

    /// How many rule files `rules/` holds (every YAML file but its settings).
    static func ruleCount() throws -> Int {
        let files = try #require(FileManager.default.enumerator(atPath: CLI.root.appendingPathComponent("rules").path))
        return files.compactMap { $0 as? String }.filter { $0.hasSuffix(".yml") && !$0.hasSuffix("textgate.yml") }.count
    }

    /// The rules that fired in a `check --format jsonl` of one message.
    static func rules(_ r: CLIResult) throws -> [String] {
        let findings = try #require(try r.jsonLines().first?["findings"] as? [[String: Any]], "\(r)")
        return findings.compactMap { $0["rule"] as? String }
    }

    @Test("--rules naming a missing directory is one line and exit 2")
    func missingRules() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        for command in [["check", "hello"], ["lint", "."], ["rules", "list"]] {
            let r = try repo.run(command + ["--rules", "nowhere"])
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr == "textgate: cannot read the rules directory nowhere: no such directory; pass --rules DIR naming a rules directory, or leave it out to use the built-in rules\n")
        }
    }

    @Test("a repository with only templates lints and checks with the built-in rules")
    func templatesOnly() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("templates/reminder.txt", "Your visit is Tue 3pm. Ask about our CBD balm.\n")
        try repo.write("templates/ok.txt", "Your visit is Tue 3pm.\n")
        // An unrelated rules/ folder is not a ruleset.
        try repo.write("rules/README.md", "notes\n")
        let lint = try repo.run(["lint", "templates/"])
        #expect(lint.status == 1, "\(lint)")
        #expect(lint.stdout.contains("templates/reminder.txt:1:"), "\(lint)")
        #expect(lint.stdout.contains("[cannabis]"), "\(lint)")
        let check = try repo.run(["check", "--format", "jsonl", "Your visit is Tue 3pm."])
        #expect(check.status == 0, "\(check)")
        #expect(try check.jsonLines().first?["rulesVersion"] as? String == (try Self.diskVersion()))
    }

    @Test("rules list says the built-in set is in use, with the version of rules/")
    func listBuiltin() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let r = try repo.run(["rules", "list"])
        #expect(r.status == 0, "\(r)")
        #expect(r.lines.last?.hasPrefix("\(try Self.ruleCount()) built-in rules, version \(try Self.diskVersion()); ") == true, "\(r)")
    }

    @Test("a .textgate.yml above the working directory is used, and --no-config ignores it")
    func walkUp() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write(".textgate.yml", "overrides:\n  all-caps: {enabled: false}\n  promotional: {severity: error}\n")
        try repo.write("templates/deep/note.txt", "hi\n")
        let r = try repo.run(["rules", "list"], in: "templates/deep")
        #expect(r.status == 0, "\(r)")
        let config = repo.root.appendingPathComponent(".textgate.yml").standardizedFileURL.path
        #expect(r.lines.contains("override all-caps: enabled false (\(config):2:3)"), "\(r)")
        #expect(r.lines.contains("override promotional: severity error (\(config):3:3)"), "\(r)")
        #expect(!r.lines.contains { $0.hasPrefix("all-caps ") })
        #expect(r.lines.contains { $0.split(separator: " ") == ["percent-off", "error", "promotional", "pattern"] })
        #expect(r.lines.last?.contains("version \(try Self.diskVersion())") == false, "overrides change the version")
        let shout = "PLEASE CONFIRM YOUR APPOINTMENT TOMORROW AT NINE"
        #expect(try Self.rules(repo.run(["check", "--format", "jsonl", shout], in: "templates/deep")).contains("all-caps") == false)
        let ignored = try repo.run(["rules", "list", "--no-config"], in: "templates/deep")
        #expect(ignored.lines.contains { $0.hasPrefix("all-caps ") }, "\(ignored)")
        #expect(!ignored.stdout.contains("override "))
        #expect(try Self.rules(repo.run(["check", "--no-config", "--format", "jsonl", shout], in: "templates/deep")).contains("all-caps"))
    }

    @Test("an override that turns off a non-suppressible rule is refused with its file and line")
    func nonSuppressible() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        try repo.write("team.yml", "# settings\noverrides:\n  cannabis: {enabled: false}\n")
        let r = try repo.run(["check", "--config", "team.yml", "hello"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("team.yml:3:3: error: rule `cannabis` is marked `suppressible: false`"), "\(r)")
    }

    @Test("init writes a starter configuration, refuses to overwrite it, and can copy the rules")
    func initCommand() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let first = try repo.run(["init", "--domain", "riverside.example.com"])
        #expect(first.status == 0, "\(first)")
        let text = try repo.read(".textgate.yml")
        #expect(text.hasPrefix("# yaml-language-server: $schema="))
        #expect(text.contains("  - riverside.example.com"))
        let again = try repo.run(["init"])
        #expect(again.status == 2, "\(again)")
        #expect(again.stderr.contains(".textgate.yml already exists"))
        #expect(try repo.read(".textgate.yml") == text)
        // The domain is allowed: a link there is not off-domain.
        #expect(try repo.run(["check", "--fail-on", "warning", "Forms at riverside.example.com/forms"]).status == 0)

        let copy = try ScratchRepo()
        defer { copy.remove() }
        let copied = try copy.run(["init", "--copy-rules"])
        #expect(copied.status == 0, "\(copied)")
        #expect(try copy.read("rules/cannabis/cannabis.yml").hasPrefix("# yaml-language-server: $schema=https://"))
        let list = try copy.run(["rules", "list"])
        #expect(list.lines.last?.contains("\(try Self.ruleCount()) rules in ") == true, "\(list)")
        #expect(try copy.run(["rules", "test"]).status == 0)
    }

    @Test("init refuses a domain that is not one, writing nothing")
    func initBadDomain() throws {
        let repo = try ScratchRepo()
        defer { repo.remove() }
        let r = try repo.run(["init", "--domain", "https://x.com/"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("is not a domain name"))
        #expect(!repo.exists(".textgate.yml"))
    }
}
