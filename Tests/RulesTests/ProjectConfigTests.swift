import Foundation
import Testing
import Rules

@Suite("project configuration")
struct ProjectConfigTests {
    @Test("every key is read; rules resolve against the file's folder")
    func keys() throws {
        let c = try ProjectConfig.parse("""
        rules: policy
        allowed_link_domains: [Example.com]
        include: ["templates/**"]
        exclude: ["templates/old/**"]
        overrides:
          all-caps: {severity: info}
        placeholders: [mustache]
        placeholder_length: 12
        """, path: "/repo/.textgate.yml")
        #expect(c.rules == "/repo/policy")
        #expect(c.allowedLinkDomains == ["example.com"])
        #expect(c.include == ["templates/**"] && c.exclude == ["templates/old/**"])
        #expect(c.overrides == [Override(target: "all-caps", severity: .info, origin: SourceLocation(path: "/repo/.textgate.yml", line: 6, column: 3))])
        #expect(c.placeholders == ["mustache"] && c.placeholderLength == 12)
    }

    @Test("an unknown key names the nearest valid one")
    func unknownKey() throws {
        #expect {
            try ProjectConfig.parse("alowed_link_domains: [example.com]\n", path: ".textgate.yml")
        } throws: { error in
            (error as? RulesError)?.description == ".textgate.yml:1:1: error: unknown key `alowed_link_domains` in the configuration file; did you mean `allowed_link_domains`?"
        }
    }

    @Test("bad values are located")
    func badValues() throws {
        #expect {
            try ProjectConfig.parse("placeholder_length: lots\noverrides:\n  all-caps: {severity: loud}\n", path: "c.yml")
        } throws: { error in
            let d = ((error as? RulesError)?.diagnostics.map(\.description) ?? []).sorted()
            return d.count == 2 && d[0].hasPrefix("c.yml:1:21: error: `placeholder_length` must be a whole number")
                && d[1].hasPrefix("c.yml:3:24: error: severity `loud` is not one of")
        }
    }

    @Test("the nearest .textgate.yml is found from a folder below it")
    func discover() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("textgate-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let deep = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try Data("include: [x]\n".utf8).write(to: root.appendingPathComponent(".textgate.yml"))
        #expect(ProjectConfig.discover(from: deep.path) == root.appendingPathComponent(".textgate.yml").standardizedFileURL.path)
    }

    @Test("the starter file is a valid configuration")
    func starter() throws {
        let text = ProjectConfig.starter(domains: ["example.com"], copiedRules: true)
        #expect(text.hasPrefix("# yaml-language-server: $schema="))
        let c = try ProjectConfig.parse(text, path: "/r/.textgate.yml")
        #expect(c.allowedLinkDomains == ["example.com"] && c.rules == "/r/rules")
        #expect(try ProjectConfig.parse(ProjectConfig.starter(domains: [], copiedRules: false), path: "x").rules == nil)
    }
}
