import Prometheus
import Rules

/// Prometheus metrics: requests, decisions by category, sends by outcome, rules version.
public struct Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Empty metrics.
    public init() {}

    /// Counts a request by method, route and status.
    func request(method: String, route: String, status: Int) {
        registry.makeCounter(name: "textgate_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", "\(status)")]).increment()
    }

    /// Counts a check decision, and each finding's category.
    func decision(_ report: Report, action: String) {
        registry.makeCounter(name: "textgate_decisions_total",
                             labels: [("action", action), ("decision", report.decision.rawValue)]).increment()
        for category in Set(report.findings.map(\.category)) {
            registry.makeCounter(name: "textgate_findings_total", labels: [("category", category)]).increment()
        }
    }

    /// Counts a send by outcome (`sent` or the refusal code).
    func send(outcome: String) {
        registry.makeCounter(name: "textgate_sends_total", labels: [("outcome", outcome)]).increment()
    }

    /// Counts an inbound message by classification.
    func inbound(_ classification: String) {
        registry.makeCounter(name: "textgate_inbound_total", labels: [("classification", classification)]).increment()
    }

    /// Sets the rules version gauge (1 for the current version).
    func rules(version: String, previous: String?) {
        if let previous, previous != version {
            registry.makeGauge(name: "textgate_rules_info", labels: [("version", previous)]).set(to: 0.0)
        }
        registry.makeGauge(name: "textgate_rules_info", labels: [("version", version)]).set(to: 1.0)
    }

    /// The exposition text.
    func text() -> String { registry.emitToString() }
}
