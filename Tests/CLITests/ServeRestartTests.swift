import Foundation
import Testing

@Suite("serve: restart on the same database", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ServeRestartTests {
    @Test("after SIGTERM and a new start on the same file, patients, messages, opt-outs, queues and idempotent responses are still there")
    func nothingLost() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey()
        struct Before { var id: String; var sent: String }
        let before: Before = try await withServe(temp) { server in
            let patient = try await server.call("POST", "/v1/patients", key: key,
                                                json: #"{"firstName":"Ana","lastName":"Diaz","dateOfBirth":"1984-03-09","cellPhone":"555-210-2001"}"#)
            let id = try #require(patient.json["id"] as? String)
            #expect(try await server.call("POST", "/v1/queues", key: key, json: #"{"name":"front"}"#).status == 201)
            let sent = try await server.call("POST", "/v1/messages", key: key,
                                             json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"See you Tue.\",\"queue\":\"front\",\"idempotencyKey\":\"r1\"}")
            #expect(sent.status == 201, "\(sent)")
            #expect(try await server.call("POST", "/v1/inbound", key: key, json: #"{"from":"+15552102001","body":"STOP"}"#).status == 200)
            #expect(try await server.call("POST", "/v1/blocked-numbers", key: key, json: #"{"number":"+15552109999"}"#).status == 201)
            return Before(id: id, sent: sent.text)
        }
        try await withServe(temp) { server in
            let patient = try await server.call("GET", "/v1/patients/\(before.id)", key: key)
            #expect(patient.status == 200, "\(patient)")
            let replay = try await server.call("POST", "/v1/messages", key: key,
                                               json: "{\"recipient\":\"\(before.id)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"See you Tue.\",\"queue\":\"front\",\"idempotencyKey\":\"r1\"}")
            #expect(replay.text == before.sent)
            #expect(replay.replayed == "true")
            let refused = try await server.call("POST", "/v1/messages", key: key,
                                                json: "{\"recipient\":\"\(before.id)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"Hello\",\"idempotencyKey\":\"r2\"}")
            #expect(refused.errorCode == "recipient_opted_out")
            let queue = try await server.call("GET", "/v1/queues/front/messages", key: key)
            let directions = (queue.json["items"] as? [[String: Any]])?.compactMap { $0["direction"] as? String }
            #expect(directions == ["outbound", "inbound", "outbound"], "\(queue)")
            let blocked = try await server.call("GET", "/v1/blocked-numbers", key: key)
            #expect(blocked.json["numbers"] as? [String] == ["+15552109999"])
            let outbox = try await server.call("GET", "/v1/outbox", key: key)
            #expect((outbox.json["items"] as? [Any])?.count == 2)
            let audit = try await server.call("GET", "/v1/audit?recipient=\(before.id)", key: key)
            #expect((audit.json["items"] as? [Any])?.count == 2)
        }
    }
}
