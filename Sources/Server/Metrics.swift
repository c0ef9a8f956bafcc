import Prometheus
import Rules
import Synchronization

/// Prometheus metrics: requests and their latency per route, decisions by category, sends by
/// outcome, inbound texts, and the rules version. Each handle is made once, on first use, and
/// kept; a request then only looks it up and counts.
public final class Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let requests = HandleCache<[String], Counter>()
    private let latencies = HandleCache<[String], DurationHistogram>()
    private let decisions = HandleCache<[String], Counter>()
    private let findings = HandleCache<String, Counter>()
    private let sends = HandleCache<String, Counter>()
    private let inbounds = HandleCache<String, Counter>()
    private let rulesGauge = Mutex<(version: String, gauge: Gauge)?>(nil)

    // The names are made when a handle is: `MetricNameDescriptor` is not `Sendable`.

    /// Request latency buckets: a check takes well under a millisecond, a send a few.
    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    static var requestsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_http_requests", unitName: "total",
                             helpText: "HTTP requests by method, route and status.")
    }
    static var latencyName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_http_request_duration", unitName: "seconds",
                             helpText: "Time from a request's head to its response, by method and route.")
    }
    static var decisionsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_decisions", unitName: "total",
                             helpText: "Check decisions by action (check or send) and decision.")
    }
    static var findingsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_findings", unitName: "total",
                             helpText: "Checked texts with a finding, by category.")
    }
    static var sendsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_sends", unitName: "total",
                             helpText: "Sends by outcome: sent, or the refusal code.")
    }
    static var inboundName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_inbound", unitName: "total",
                             helpText: "Inbound texts by classification.")
    }
    static var rulesName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_rules", unitName: "info",
                             helpText: "The rules version this instance checks with (1).")
    }

    /// Empty metrics.
    public init() {}

    /// Counts a request by method, route and status, and records how long it took.
    func request(method: String, route: String, status: Int, duration: Duration) {
        requests.get([method, route, String(status)]) {
            registry.makeCounter(descriptor: Self.requestsName, labels: [("method", method), ("route", route), ("status", String(status))])
        }.increment()
        latencies.get([method, route]) {
            registry.makeDurationHistogram(descriptor: Self.latencyName, labels: [("method", method), ("route", route)],
                                           buckets: Self.latencyBuckets)
        }.record(duration)
    }

    /// Counts a check decision, and each finding's category.
    func decision(_ report: Report, action: String) {
        let decision = report.decision.rawValue
        decisions.get([action, decision]) {
            registry.makeCounter(descriptor: Self.decisionsName, labels: [("action", action), ("decision", decision)])
        }.increment()
        guard !report.findings.isEmpty else { return }
        for category in Set(report.findings.map(\.category)) {
            findings.get(category) { registry.makeCounter(descriptor: Self.findingsName, labels: [("category", category)]) }.increment()
        }
    }

    /// Counts a send by outcome (`sent` or the refusal code).
    func send(outcome: String) {
        sends.get(outcome) { registry.makeCounter(descriptor: Self.sendsName, labels: [("outcome", outcome)]) }.increment()
    }

    /// Counts an inbound message by classification.
    func inbound(_ classification: String) {
        inbounds.get(classification) {
            registry.makeCounter(descriptor: Self.inboundName, labels: [("classification", classification)])
        }.increment()
    }

    /// Marks `version` as the rules in use (`textgate_rules_info{version=...} 1`) and the version
    /// before it, if another, as replaced (0).
    func rules(version: String) {
        rulesGauge.withLock { current in
            guard current?.version != version else { return }
            current?.gauge.set(to: 0.0)
            let gauge = registry.makeGauge(descriptor: Self.rulesName, labels: [("version", version)])
            gauge.set(to: 1.0)
            current = (version, gauge)
        }
    }

    /// The exposition text, with the rules in use now marked (however they were loaded: at
    /// start, by the reload route or by SIGHUP).
    func text(rulesVersion: String) -> String {
        rules(version: rulesVersion)
        return registry.emitToString()
    }
}

/// Metric handles by label values, each made once.
private final class HandleCache<Key: Hashable & Sendable, Handle: AnyObject & Sendable>: Sendable {
    private let handles = Mutex<[Key: Handle]>([:])

    func get(_ key: Key, make: () -> Handle) -> Handle {
        if let handle = handles.withLock({ $0[key] }) { return handle }
        let handle = make()
        handles.withLock { $0[key] = handle }
        return handle
    }
}
