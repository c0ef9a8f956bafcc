import Foundation
import Testing

@Suite("serve: start-up problems are one line and exit 2")
struct ServeStartupTests {
    @Test("a taken port: one clear line, exit 2, no crash, five times out of five")
    func portTaken() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let first = try await ServeProcess(db: temp.db, extra: ["--config", try temp.config()])
        defer { first.stop() }
        for i in 0..<5 {
            let r = try CLI.run(["serve", "--db", temp.path("second-\(i).sqlite"), "--rules", "rules", "--port", "\(first.port)"])
            #expect(r.status == 2, "\(r)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(r.stderr)")
            #expect(r.stderr.contains("already in use") && r.stderr.contains("--port"))
            #expect(!r.stderr.contains("Illegal instruction") && !r.stderr.contains("in use)"))
            // Nothing half-made is left: the database and key file this start created are gone.
            for suffix in ["", "-wal", "-shm", ".key"] {
                #expect(!FileManager.default.fileExists(atPath: temp.path("second-\(i).sqlite") + suffix), "second-\(i).sqlite\(suffix)")
            }
        }
    }

    @Test("an unwritable database path and a missing rules directory: one line, exit 2")
    func badPaths() throws {
        let db = try CLI.run(["serve", "--db", "/nonexistent-folder/textgate.db", "--rules", "rules", "--port", "0"])
        #expect(db.status == 2, "\(db)")
        #expect(db.stderr.contains("cannot open the database /nonexistent-folder/textgate.db"))
        let temp = try ServeTemp()
        defer { temp.remove() }
        let rules = try CLI.run(["serve", "--db", temp.db, "--rules", "no-such-rules", "--port", "0"])
        #expect(rules.status == 2, "\(rules)")
        #expect(rules.stderr.contains("no-such-rules"))
        #expect(rules.stderr.split(separator: "\n").count == 1, "\(rules.stderr)")
        // A file named as the rules directory: one line, and never the file's contents.
        let file = try CLI.run(["serve", "--db", temp.db, "--rules", "README.md", "--port", "0"])
        #expect(file.status == 2, "\(file)")
        #expect(file.stderr.split(separator: "\n").count == 1, "\(file.stderr)")
    }

    @Test("a port out of range is refused at start-up, not wrapped to another port", arguments: ["65536", "131803", "-1"])
    func portRange(port: String) throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let r = try CLI.run(["serve", "--db", temp.db, "--rules", "rules", "--port", port])
        #expect(r.status == 2, "\(r)")
    }

    @Test("without --rules, serve checks with the built-in rules where ./rules is not a ruleset, as every command does")
    func builtinRules() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("rules"), withIntermediateDirectories: true)
        let server = try await ServeProcess(db: temp.db, rules: [], directory: temp.url)
        defer { _ = server.stop() }
        let health = try await server.call("GET", "/healthz")
        let disk = try CLI.run(["rules", "list", "--rules", "rules"]).stdout
        let version = try #require(health.json["rulesVersion"] as? String)
        #expect(disk.contains("version \(version)"), "the built-in rules are the shipped rules/: \(disk.suffix(200))")
    }

    @Test("with a PostgreSQL --db, an audit journal directory that cannot be made is one line naming it, exit 2")
    func unusableJournalDirectory() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        // A file where the directory's parent should be.
        try Data("x".utf8).write(to: URL(fileURLWithPath: temp.path("file")))
        let config = temp.path("settings.yml")
        try "audit: {journal: \"\(temp.path("file"))/journal\"}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["serve", "--db", "postgres://nobody@127.0.0.1:1/none", "--rules", "rules", "--port", "0", "--config", config])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("cannot make the audit journal directory \(temp.path("file"))/journal"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
    }

    @Test("with a PostgreSQL --db and no key file, serve refuses to start")
    func postgresNeedsKeyFile() throws {
        let r = try CLI.run(["serve", "--db", "postgres://nobody@127.0.0.1:1/none", "--rules", "rules", "--port", "0"])
        #expect(r.status == 2, "\(r)")
    }
}
