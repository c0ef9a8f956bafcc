import Foundation
import PostgresCluster
import Testing

/// Two built `textgate serve` processes on one PostgreSQL database: what one instance does, the
/// other honours.
@Suite("serve: two instances on one PostgreSQL database",
       .enabled(if: CLI.available, "the textgate binary was not found"),
       .enabled(if: PostgresCluster.missing == nil || PostgresCluster.required, "PostgreSQL is not installed"))
struct ServeManyInstancesTests {
    /// A database, a shared key file and settings (with one audit journal directory, as
    /// instances on one machine share it), and a key with every role.
    struct Shared {
        let temp: ServeTemp
        let database: (name: String, url: String)
        let config: String
        let key: String

        init() async throws {
            let cluster = try await PostgresCluster.shared.value
            temp = try ServeTemp()
            database = try cluster.createDatabase()
            let keyFile = temp.path("server.key")
            try "1:\(Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString())\n"
                .write(toFile: keyFile, atomically: true, encoding: .utf8)
            config = temp.path("textgate.yml")
            try """
            practice: {name: Riverside Family Medicine, phone: "(555) 210-2000", number: "+15552100100", email: care@riversidefamilymed.com}
            secure: {key_file: "\(keyFile)"}
            audit: {journal: "\(temp.path("journal"))"}

            """.write(toFile: config, atomically: true, encoding: .utf8)
            let created = try CLI.run(["keys", "create", "--db", database.url, "--role", "sender,admin,provider", "--name", "many"])
            #expect(created.status == 0, "\(created)")
            key = try #require(created.lines.last)
        }

        func serve(rules: String? = nil) async throws -> ServeProcess {
            try await ServeProcess(db: database.url, extra: ["--config", config] + (rules.map { ["--rules", $0] } ?? []))
        }

        func remove() async throws {
            try await PostgresCluster.shared.value.dropDatabase(database.name)
            temp.remove()
        }
    }

    /// Runs `body` with two servers on one database; stops both and drops the database afterwards.
    func withTwo(rules: [String]? = nil, _ body: (Shared, ServeProcess, ServeProcess) async throws -> Void) async throws {
        let shared = try await Shared()
        var servers: [ServeProcess] = []
        do {
            servers = [try await shared.serve(rules: rules?[0]), try await shared.serve(rules: rules?[1])]
            try await body(shared, servers[0], servers[1])
        } catch {
            for s in servers { await s.terminate() }
            try await shared.remove()
            throw error
        }
        for s in servers { await s.terminate() }
        try await shared.remove()
    }

    static let text = "Your visit is Tue 3pm. Reply STOP to opt out."

    /// `POST /v1/messages` until it has a final answer: a caller told the key is in use retries.
    static func send(_ server: ServeProcess, key: String, to recipient: String, idempotencyKey: String) async throws -> HTTPReply {
        let json = "{\"recipient\":\"\(recipient)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"\(text)\",\"idempotencyKey\":\"\(idempotencyKey)\"}"
        for _ in 0..<200 {
            let reply = try await server.call("POST", "/v1/messages", key: key, json: json)
            guard reply.errorCode == "idempotency_key_in_use" else { return reply }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServeError(message: "idempotency key \(idempotencyKey) still in use after 200 tries")
    }

    static func patient(_ server: ServeProcess, key: String, phone: String) async throws -> String {
        let r = try await server.call("POST", "/v1/patients", key: key,
                                      json: "{\"firstName\":\"Ana\",\"lastName\":\"Diaz\",\"dateOfBirth\":\"1984-03-09\",\"cellPhone\":\"\(phone)\"}")
        #expect(r.status == 201, "\(r)")
        return try #require(r.json["id"] as? String)
    }

    static func outboxIds(_ server: ServeProcess, key: String) async throws -> [String] {
        let r = try await server.call("GET", "/v1/outbox?all=true&limit=1000", key: key)
        #expect(r.status == 200, "\(r)")
        return (r.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("the same idempotency key sent to both instances at once sends once, and both callers get the same message")
    func exactlyOnceAcrossInstances() async throws {
        try await withTwo { shared, a, b in
            let patient = try await Self.patient(a, key: shared.key, phone: "(555) 210-2001")
            let keys = (0..<12).map { "dup-\($0)-\(UUID().uuidString)" }
            let replies = try await withThrowingTaskGroup(of: (Int, Int, HTTPReply).self) { group in
                for (i, idem) in keys.enumerated() {
                    for (side, server) in [a, b].enumerated() {
                        group.addTask { (i, side, try await Self.send(server, key: shared.key, to: patient, idempotencyKey: idem)) }
                    }
                }
                var out: [Int: [HTTPReply]] = [:]
                for try await (i, _, reply) in group { out[i, default: []].append(reply) }
                return out
            }
            for i in keys.indices {
                let pair = try #require(replies[i])
                #expect(pair.count == 2)
                #expect(pair.allSatisfy { $0.status == 201 }, "\(pair)")
                let ids = Set(pair.compactMap { $0.json["id"] as? String })
                #expect(ids.count == 1, "both callers of key \(i) must see one message: \(pair)")
                #expect(pair.filter { $0.replayed == "true" }.count == 1, "one answer is the replay: \(pair)")
            }
            // Exactly one delivery per key, whichever instance is asked.
            #expect(try await Self.outboxIds(a, key: shared.key).count == keys.count)
            #expect(try await Self.outboxIds(b, key: shared.key).count == keys.count)
        }
    }

    @Test("a STOP received by one instance is honoured by the other on the next send")
    func optOutAcrossInstances() async throws {
        try await withTwo { shared, a, b in
            let patient = try await Self.patient(a, key: shared.key, phone: "(555) 210-2002")
            let first = try await Self.send(b, key: shared.key, to: patient, idempotencyKey: UUID().uuidString)
            #expect(first.status == 201, "\(first)")
            let stop = try await a.call("POST", "/v1/inbound", key: shared.key, json: #"{"from":"+15552102002","to":"+15552100100","body":"STOP"}"#)
            #expect(stop.status == 200, "\(stop)")
            #expect(stop.json["consent"] as? String == "opt-out")
            let refused = try await Self.send(b, key: shared.key, to: patient, idempotencyKey: UUID().uuidString)
            #expect(refused.status == 409, "\(refused)")
            #expect(refused.errorCode == "recipient_opted_out")
        }
    }

    @Test("outbox items claimed through an instance that is then killed are handed out by the other once the lease runs out")
    func killedInstanceClaimsTakenOver() async throws {
        try await withTwo { shared, a, b in
            let patient = try await Self.patient(a, key: shared.key, phone: "(555) 210-2003")
            for _ in 0..<3 {
                let sent = try await Self.send(a, key: shared.key, to: patient, idempotencyKey: UUID().uuidString)
                #expect(sent.status == 201, "\(sent)")
            }
            // The lease starts after this moment, so it certainly holds until two seconds after it.
            let claimedAt = Date()
            let claimed = try await a.call("POST", "/v1/outbox/claim", key: shared.key, json: #"{"limit":10,"leaseSeconds":2}"#)
            #expect(claimed.status == 200, "\(claimed)")
            let ids = Set((claimed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(ids.count == 3)
            kill(a.process.processIdentifier, SIGKILL)
            a.process.waitUntilExit()
            // While the lease holds, the other instance hands none of them out...
            let during = try await b.call("POST", "/v1/outbox/claim", key: shared.key, json: #"{"limit":10,"leaseSeconds":60}"#)
            if Date().timeIntervalSince(claimedAt) < 2 {
                #expect((during.json["items"] as? [Any])?.isEmpty == true, "\(during)")
            }
            // ...and once it has run out, it hands out each of them, once.
            var taken: [String] = (during.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let deadline = Date().addingTimeInterval(30)
            while Set(taken).count < ids.count, Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                let r = try await b.call("POST", "/v1/outbox/claim", key: shared.key, json: #"{"limit":10,"leaseSeconds":60}"#)
                #expect(r.status == 200, "\(r)")
                taken += (r.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(Set(taken) == ids)
            #expect(taken.count == ids.count, "no item handed out twice: \(taken)")
            for id in ids {
                let ack = try await b.call("POST", "/v1/outbox/\(id)/ack", key: shared.key)
                #expect(ack.status == 200, "\(ack)")
            }
        }
    }

    @Test("checks answered by two instances sharing an audit journal directory are all in the audit trail, once, after one is killed and a new instance starts")
    func journalledChecksSurviveKill() async throws {
        try await withTwo { shared, a, b in
            let count = 100
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<count {
                    let server = i % 2 == 0 ? a : b
                    group.addTask {
                        let text = i % 4 < 2 ? "Your visit is Tue \(i % 12 + 1)pm." : "Buy CBD gummies now, visit \(i)."
                        return try await server.call("POST", "/v1/check", key: shared.key, json: "{\"text\":\"\(text)\"}").status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(answered == Array(repeating: 200, count: count))
            // Killed as soon as the last answer is in: its records not yet moved are in its journal file.
            kill(a.process.processIdentifier, SIGKILL)
            a.process.waitUntilExit()
            // An instance starting on the same directory moves the killed one's journal.
            let c = try await shared.serve()
            defer { c.stop() }
            let checks = try await b.checkAuditRecords(key: shared.key)
            await c.terminate()
            #expect(checks.count == count, "one record per answered check")
            #expect(Set(checks.compactMap { $0["id"] as? String }).count == count, "none twice")
            #expect(checks.filter { $0["decision"] as? String == "allow" }.count == count / 2)
            let files = try FileManager.default.contentsOfDirectory(atPath: shared.temp.path("journal"))
            #expect(files.count <= 2, "only the running instances' own files are left: \(files)")
        }
    }

    @Test("new rules rolled out to each instance's directory and signalled with SIGHUP reach both, as /healthz and /metrics show")
    func rulesRollout() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let dirs = try (0..<2).map { i in
            let dir = temp.path("rules-\(i)")
            try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("rules").path, toPath: dir)
            return dir
        }
        try await withTwo(rules: dirs) { _, a, b in
            let old = try #require(try await a.call("GET", "/healthz").json["rulesVersion"] as? String)
            #expect(try await b.call("GET", "/healthz").json["rulesVersion"] as? String == old)
            for dir in dirs {
                try """
                category: fruit
                severity: error
                message: No fruit.
                rationale: A rule to roll out.
                kind: terms
                terms:
                  - mango
                examples:
                  flag:
                    - "Try a mango smoothie"
                  pass:
                    - "Your visit is Tue 3pm"
                """.write(toFile: dir + "/style/fruit.yml", atomically: true, encoding: .utf8)
            }
            for server in [a, b] { kill(server.process.processIdentifier, SIGHUP) }
            for server in [a, b] {
                var version = old
                let deadline = Date().addingTimeInterval(30)
                while version == old, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                    version = try await server.call("GET", "/healthz").json["rulesVersion"] as? String ?? old
                }
                #expect(version != old, "instance on port \(server.port) still serves \(old)")
                let metrics = try await server.call("GET", "/metrics").text
                #expect(metrics.contains("textgate_rules_info{version=\"\(version)\"} 1"), "\(metrics)")
            }
            let versions = [try await a.call("GET", "/healthz").json["rulesVersion"] as? String,
                            try await b.call("GET", "/healthz").json["rulesVersion"] as? String]
            #expect(versions[0] == versions[1], "both instances check with the same new rules")
        }
    }
}
