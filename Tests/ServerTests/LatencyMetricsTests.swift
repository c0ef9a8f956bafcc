import Foundation
import Server
import Testing

@Suite("Request latency in /metrics")
struct LatencyMetricsTests {
    @Test("each route's latency is a Prometheus histogram whose count is the requests it answered")
    func histogramPerRoute() async throws {
        try await withServer { h, client in
            for _ in 0..<3 {
                _ = try await client.call(.post, "/v1/check", key: h.keys.sender, json: #"{"text":"Your visit is Tue 3pm."}"#)
            }
            _ = try await client.call(.get, "/healthz")
            let text = try await client.call(.get, "/metrics").text
            #expect(text.contains("# TYPE textgate_http_request_duration_seconds histogram"), "\(text)")
            #expect(text.contains(#"textgate_http_request_duration_seconds_count{method="POST",route="/v1/check"} 3"#), "\(text)")
            #expect(text.contains(#"textgate_http_request_duration_seconds_bucket{method="POST",route="/v1/check",le="+Inf"} 3"#))
            #expect(text.contains(#"textgate_http_request_duration_seconds_count{method="GET",route="/healthz"} 1"#))
        }
    }

    @Test("/metrics and /healthz name the rules version after a reload, whichever way it came")
    func rulesVersionAfterReload() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let rules = try copyRules(to: dir.url)
        try await withServer(rules: rules.path) { h, client in
            let old = h.state.rules.ruleset.version
            try FruitRule.write(into: rules)
            // What SIGHUP does: the holder reloads, no route involved.
            let new = try h.state.rules.reload().ruleset.version
            #expect(new != old)
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains("textgate_rules_info{version=\"\(new)\"} 1"), "\(metrics)")
            #expect(try await client.call(.get, "/healthz").json["rulesVersion"] as? String == new)
        }
    }
}
