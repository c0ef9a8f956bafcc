import Foundation
import Testing

@Suite("optout import and export", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ServeOptOutCSVTests {
    @Test("import then export round-trips the rows, and the server refuses to text an imported opt-out")
    func roundTrip() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let csv = #"""
        phone,practice_number,action,source,text,at
        (555) 210-2001,+15552100100,opt-out,paper form,"Patient asked, by phone, to ""stop""",2026-01-31T09:00:00.000Z
        +15552102002,+15552100100,opt-out,,,2026-01-31T10:00:00.000Z
        +15552102002,+15552100100,opt-in,,START,2026-02-01T10:00:00.000Z

        """#
        try csv.write(toFile: temp.path("in.csv"), atomically: true, encoding: .utf8)
        let imported = try CLI.run(["optout", "import", "--db", temp.db, temp.path("in.csv")])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("Imported 3"))

        let exported = try CLI.run(["optout", "export", "--db", temp.db])
        #expect(exported.status == 0)
        #expect(exported.lines == [
            "phone,practice_number,action,source,text,at",
            "+15552102001,+15552100100,opt-out,import,\"Patient asked, by phone, to \"\"stop\"\"\",2026-01-31T09:00:00.000Z",
            "+15552102002,+15552100100,opt-out,import,imported,2026-01-31T10:00:00.000Z",
            "+15552102002,+15552100100,opt-in,import,START,2026-02-01T10:00:00.000Z",
        ], "\(exported)")

        let toFile = try CLI.run(["optout", "export", "--db", temp.db, "--output", temp.path("out.csv")])
        #expect(toFile.status == 0)
        #expect(try String(contentsOfFile: temp.path("out.csv"), encoding: .utf8) == exported.stdout)

        // The export imports again into a fresh database unchanged.
        let other = try ServeTemp()
        defer { other.remove() }
        #expect(try CLI.run(["optout", "import", "--db", other.db, temp.path("out.csv")]).status == 0)
        #expect(try CLI.run(["optout", "export", "--db", other.db]).stdout == exported.stdout)

        let key = try temp.createKey()
        try await withServe(temp) { server in
            let made = try await server.call("POST", "/v1/patients", key: key,
                                             json: #"{"dateOfBirth":"1970-01-01","cellPhone":"+15552102001"}"#)
            let id = try #require(made.json["id"] as? String)
            let r = try await server.call("POST", "/v1/messages", key: key,
                                          json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"Hi\",\"idempotencyKey\":\"a\"}")
            #expect(r.status == 409, "\(r)")
            #expect(r.errorCode == "recipient_opted_out")
            #expect(r.details["source"] as? String == "import")
        }
    }

    @Test("a file with bad rows reports each as file:line and imports nothing")
    func badRows() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try "phone,practice_number,action\n+15552102001,+15552100100,opt-out\nnope,+15552100100,opt-out\n+15552102003,+15552100100,later\n"
            .write(toFile: temp.path("bad.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["optout", "import", "--db", temp.db, temp.path("bad.csv")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(temp.path("bad.csv")):3: error:"))
        #expect(r.stderr.contains("\(temp.path("bad.csv")):4: error:"))
        #expect(r.stderr.contains("nothing was imported"))
        #expect(try CLI.run(["optout", "export", "--db", temp.db]).lines == ["phone,practice_number,action,source,text,at"])
    }

    @Test("import reads standard input with -")
    func stdin() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let r = try CLI.run(["optout", "import", "--db", temp.db, "-"], stdin: "phone,practice_number\n5552102001,5552100100\n")
        #expect(r.status == 0, "\(r)")
        #expect(try CLI.run(["optout", "export", "--db", temp.db]).lines.count == 2)
    }

    @Test("a CSV saved by a spreadsheet with a UTF-8 byte order mark imports")
    func byteOrderMark() throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        try (Data([0xEF, 0xBB, 0xBF]) + Data("phone,practice_number\n+15552102001,+15552100100\n".utf8)).write(to: URL(fileURLWithPath: temp.path("bom.csv")))
        let r = try CLI.run(["optout", "import", "--db", temp.db, temp.path("bom.csv")])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Imported 1"))
    }
}
