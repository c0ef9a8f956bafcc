import Foundation
import Testing

@Suite("serve: a broadcast survives kill -9", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ServeBroadcastKillTests {
    static let recipients = 500

    /// GETs the broadcast until `done` says so, or fails after `timeout` seconds.
    static func poll(_ server: ServeProcess, _ id: String, key: String, timeout: TimeInterval,
                     until done: ([String: Int]) -> Bool) async throws -> [String: Int] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let r = try await server.call("GET", "/v1/broadcasts/\(id)", key: key)
            let counts = r.json["counts"] as? [String: Int] ?? [:]
            if done(counts) { return counts }
            if Date() > deadline { throw ServeError(message: "timed out waiting for broadcast \(id): \(r)") }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    @Test("killed with SIGKILL mid-broadcast and restarted, the server texts each of 500 recipients exactly once")
    func killAndRestart() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey()
        let config = temp.path("settings.yml")
        try """
        practice: {name: Riverside Family Medicine, phone: "(555) 210-2000", number: "+15552100100", email: care@riversidefamilymed.com}
        pacing: {messages_per_second: 50}
        quiet_hours: {start: "00:00", end: "00:00"}
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let first = try await ServeProcess(db: temp.db, extra: ["--config", config])
        var phones: Set<String> = []
        for i in 0..<Self.recipients {
            let phone = "+1555310" + String(String(10_000 + i).dropFirst())
            let r = try await first.call("POST", "/v1/patients", key: key,
                                         json: "{\"firstName\":\"P\(i)\",\"lastName\":\"Test\",\"dateOfBirth\":\"1980-01-01\",\"cellPhone\":\"\(phone)\"}")
            #expect(r.status == 201, "\(r)")
            phones.insert(phone)
        }
        let created = try await first.call("POST", "/v1/broadcasts", key: key,
                                           json: #"{"template":"{{practice.name}}: Hi {{firstName}}, our office moves to 12 Elm St on Monday. Reply STOP to opt out.","recipients":{"allPatients":true},"idempotencyKey":"move-1"}"#)
        #expect(created.status == 202, "\(created)")
        let id = try #require(created.json["id"] as? String)
        let before = try await Self.poll(first, id, key: key, timeout: 120) { $0["sent", default: 0] >= 100 }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(before["pending", default: 0] > 0, "killed mid-way: \(before)")

        let second = try await ServeProcess(db: temp.db, extra: ["--config", config])
        defer { second.stop() }
        let after = try await Self.poll(second, id, key: key, timeout: 180) { $0["pending", default: 1] == 0 }
        #expect(after == ["sent": Self.recipients, "skipped": 0, "failed": 0, "pending": 0])

        var items: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = try await second.call("GET", "/v1/outbox?all=true&limit=1000" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            items += page.json["items"] as? [[String: Any]] ?? []
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil
        let to = items.compactMap { $0["to"] as? String }
        #expect(to.count == Self.recipients, "one outbox item per recipient, none twice")
        #expect(Set(to) == phones, "none forgotten")
    }
}
