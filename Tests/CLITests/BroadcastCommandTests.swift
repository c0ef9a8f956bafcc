import Foundation
import Testing

@Suite("textgate broadcast", .enabled(if: CLI.available, "the textgate binary was not found"))
struct BroadcastCommandTests {
    static func settings(_ temp: ServeTemp) throws -> String {
        let path = temp.path("settings.yml")
        try """
        practice: {name: Riverside Family Medicine, phone: "(555) 210-2000", number: "+15552100100", email: care@riversidefamilymed.com}
        pacing: {messages_per_second: 200}
        quiet_hours: {start: "00:00", end: "00:00"}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("sends the template to the patients of a CSV file, skips the opted-out, and prints a summary")
    func sendsAndSummarises() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try "{{practice.name}}: Hi {{firstName}}, the office is closed Monday. Reply STOP to opt out.\n"
            .write(toFile: temp.path("t.txt"), atomically: true, encoding: .utf8)
        try """
        first_name,last_name,date_of_birth,cell_phone,language
        Ana,Diaz,1984-03-09,555-210-3001,
        "Luis, Jr.",Ortiz,1990-01-01,555-210-3002,es
        Eve,Stone,1970-05-05,555-210-3003,
        """.write(toFile: temp.path("p.csv"), atomically: true, encoding: .utf8)
        try "phone,practice_number,action,source,text,at\n+15552103003,+15552100100,opt-out,keyword,STOP,2026-01-01T00:00:00Z\n"
            .write(toFile: temp.path("optouts.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["optout", "import", "--db", temp.db, temp.path("optouts.csv")]).status == 0)
        let r = try CLI.run(["broadcast", "--db", temp.db, "--config", try Self.settings(temp), "--template", temp.path("t.txt"),
                             "--csv", temp.path("p.csv")])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("2 sent, 1 skipped, 0 failed, 0 pending"), "\(r)")
        #expect(r.stdout.contains("skipped 1: recipient_opted_out"), "\(r)")
        // The same database, served: the outbox holds the two texts.
        let key = try temp.createKey()
        let to: [String] = try await withServe(temp) { server in
            let outbox = try await server.call("GET", "/v1/outbox", key: key)
            return (outbox.json["items"] as? [[String: Any]])?.compactMap { $0["to"] as? String } ?? []
        }
        #expect(to.sorted() == ["+15552103001", "+15552103002"])
    }

    @Test("a template the rules block sends nothing and exits 1 naming the rule")
    func blockedTemplate() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try "Hi {{firstName}}, claim your prize at bit.ly/win now\n".write(toFile: temp.path("t.txt"), atomically: true, encoding: .utf8)
        try "first_name,last_name,date_of_birth,cell_phone\nAna,Diaz,1984-03-09,555-210-3001\n"
            .write(toFile: temp.path("p.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["broadcast", "--db", temp.db, "--config", try Self.settings(temp), "--template", temp.path("t.txt"),
                             "--csv", temp.path("p.csv")])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("Nothing was sent"), "\(r)")
    }

    @Test("a CSV with an unknown column or a bad row is refused with its line")
    func badCSV() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try "Hi {{firstName}}. Reply STOP to opt out.\n".write(toFile: temp.path("t.txt"), atomically: true, encoding: .utf8)
        try "first_name,phone\nAna,555\n".write(toFile: temp.path("p.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["broadcast", "--db", temp.db, "--template", temp.path("t.txt"), "--csv", temp.path("p.csv")])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("line 1: unknown column `phone`"), "\(r)")
    }
}
