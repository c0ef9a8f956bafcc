import Prometheus
import Messaging
import Storage

/// Delivery receipts: statuses by value, and the provider refusals a compliance officer follows.
extension Metrics {
    static var deliveryStatusesName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_delivery_statuses", unitName: "total",
                             helpText: "Provider status callbacks by status, and whether each moved its delivery forward.")
    }
    static var providerRefusalsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_provider_refusals", unitName: "total",
                             helpText: "Carrier filtering (30007) and opt-out refusals (21610), by the rules version that checked the text.")
    }

    static var deliveriesName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_deliveries", unitName: "total",
                             helpText: "Queued texts the delivery worker sent on to the provider, by outcome (sent, refused, failed).")
    }

    /// Counts a queued text the delivery worker sent on, by outcome.
    func delivery(_ outcome: DeliveryOutcome) {
        registry.makeCounter(descriptor: Self.deliveriesName, labels: [("outcome", outcome.rawValue)]).increment()
    }

    static var scheduledSendsName: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "textgate_scheduled_sends", unitName: "total",
                             helpText: "Broadcast and reminder texts by source, outcome (sent, skipped, failed) and reason.")
    }

    /// Counts a broadcast's or reminder's text by outcome and reason (`none` when sent).
    func scheduledSend(source: SendSource, state: SendState, reason: String?) {
        registry.makeCounter(descriptor: Self.scheduledSendsName,
                             labels: [("reason", reason ?? "none"), ("source", source.rawValue), ("state", state.rawValue)]).increment()
    }

    /// Counts a status callback by status, and whether it moved its delivery forward.
    func deliveryStatus(_ status: String, applied: Bool) {
        registry.makeCounter(descriptor: Self.deliveryStatusesName,
                             labels: [("status", status), ("applied", applied ? "true" : "false")]).increment()
    }

    /// Counts carrier filtering (30007) and opt-out refusals (21610), by the rules version that
    /// checked the text, so a ruleset whose texts carriers still filter shows; other codes are
    /// not counted here.
    func providerRefusal(code: Int, rulesVersion: String?) {
        let reason: String
        switch code {
        case DeliveryReceipts.carrierFiltered: reason = "carrier_filtered"
        case DeliveryReceipts.optedOut: reason = "opted_out"
        default: return
        }
        let version = rulesVersion.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        registry.makeCounter(descriptor: Self.providerRefusalsName,
                             labels: [("code", "\(code)"), ("reason", reason), ("rules_version", version)]).increment()
    }
}
