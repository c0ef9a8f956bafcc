import Prometheus
import Messaging

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
