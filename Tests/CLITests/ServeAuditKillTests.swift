import Foundation
import Testing

@Suite("serve: check audit records survive kill -9", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ServeAuditKillTests {
    @Test("every answered /v1/check is in the audit trail after SIGKILL and a restart, once")
    func answeredChecksKept() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey()
        let first = try await ServeProcess(db: temp.db)
        let count = 200
        let answered = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<count {
                group.addTask {
                    let text = i % 2 == 0 ? "Your visit is Tue \(i % 12 + 1)pm." : "Buy CBD gummies now, visit \(i)."
                    return try await first.call("POST", "/v1/check", key: key, json: "{\"text\":\"\(text)\"}").status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        // Killed as soon as the last answer is in: records not yet moved into the database are in the journal.
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(answered == Array(repeating: 200, count: count))

        try await withServe(temp) { server in
            let checks = try await server.checkAuditRecords(key: key)
            #expect(checks.count == count, "one record per answered check")
            #expect(Set(checks.compactMap { $0["id"] as? String }).count == count, "none twice")
            #expect(checks.filter { $0["decision"] as? String == "allow" }.count == count / 2)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: temp.db).deletingLastPathComponent().path)
            .filter { $0.contains("-audit-journal") }
        #expect(left == [], "the journal files are moved and deleted: \(left)")
    }
}
