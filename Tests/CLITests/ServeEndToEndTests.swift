import Foundation
import Testing

@Suite("serve: the built binary on loopback", .enabled(if: CLI.available, "the textgate binary was not found"))
struct ServeEndToEndTests {
    @Test("create patient, check, send, STOP, refused send, START, send again")
    func optOutJourney() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey()
        try await withServe(temp) { server in
            #expect(server.stdout.contains("database \(temp.db)"))
            let health = try await server.call("GET", "/healthz")
            #expect(health.status == 200, "\(health)")

            let patient = try await server.call("POST", "/v1/patients", key: key,
                                                json: #"{"firstName":"Ana","lastName":"Diaz","dateOfBirth":"1984-03-09","cellPhone":"(555) 210-2001"}"#)
            #expect(patient.status == 201, "\(patient)")
            let id = try #require(patient.json["id"] as? String)
            let body = "Your visit is Tue 3pm. Reply STOP to opt out."

            let check = try await server.call("POST", "/v1/check", key: key, json: "{\"text\":\"\(body)\",\"channel\":\"sms\"}")
            #expect(check.status == 200)
            #expect(check.json["decision"] as? String == "allow")

            func send(_ idem: String) async throws -> HTTPReply {
                try await server.call("POST", "/v1/messages", key: key,
                                      json: "{\"recipient\":\"\(id)\",\"kind\":\"sms\",\"notify\":[\"sms\"],\"body\":\"\(body)\",\"idempotencyKey\":\"\(idem)\"}")
            }
            let first = try await send("one")
            #expect(first.status == 201, "\(first)")

            let stop = try await server.call("POST", "/v1/inbound", key: key, json: #"{"from":"+15552102001","to":"+15552100100","body":"STOP"}"#)
            #expect(stop.status == 200, "\(stop)")
            #expect(stop.json["consent"] as? String == "opt-out")

            let refused = try await send("two")
            #expect(refused.status == 409, "\(refused)")
            #expect(refused.errorCode == "recipient_opted_out")
            #expect(refused.details["optedOutAt"] is String)
            #expect((refused.details["remedy"] as? String)?.contains("START") == true)

            let start = try await server.call("POST", "/v1/inbound", key: key, json: #"{"from":"+15552102001","to":"+15552100100","body":"start"}"#)
            #expect(start.json["consent"] as? String == "opt-in")

            let again = try await send("three")
            #expect(again.status == 201, "\(again)")

            let thread = try await server.call("GET", "/v1/threads/\(id)", key: key)
            let directions = (thread.json["items"] as? [[String: Any]])?.compactMap { $0["direction"] as? String }
            #expect(directions == ["outbound", "inbound", "outbound", "inbound", "outbound", "outbound"], "\(thread)")

            let metrics = try await server.call("GET", "/metrics")
            #expect(metrics.text.contains(#"textgate_sends_total{outcome="recipient_opted_out"} 1"#))
            let openapi = try await server.call("GET", "/openapi.yaml")
            #expect(openapi.text.hasPrefix("openapi: 3.1"))
        }
    }

    @Test("errors from the binary are JSON with a code, including an unknown route and a missing key")
    func errors() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let key = try temp.createKey(roles: "sender")
        try await withServe(temp) { server in
            let missing = try await server.call("GET", "/v1/rules")
            #expect(missing.status == 401)
            #expect(missing.errorCode == "unauthenticated")
            let forbidden = try await server.call("GET", "/v1/audit", key: key)
            #expect(forbidden.status == 403)
            #expect(forbidden.errorCode == "forbidden")
            let route = try await server.call("GET", "/v2/whatever", key: key)
            #expect(route.status == 404)
            #expect(route.errorCode == "route_not_found")
            let bad = try await server.call("POST", "/v1/check", key: key, json: "{")
            #expect(bad.status == 400)
            #expect(bad.errorCode == "invalid_json")
        }
    }

    @Test("the server stops cleanly on SIGTERM")
    func sigterm() async throws {
        let temp = try ServeTemp()
        defer { temp.remove() }
        let server = try await ServeProcess(db: temp.db)
        let status = server.stop()
        #expect(status == 0, "stderr: \(server.stderr)")
    }
}
