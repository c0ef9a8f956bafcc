import Messaging

/// Delivery receipts: statuses by value, and the provider refusals a compliance officer follows.
extension Metrics {
    /// Counts a status callback by status, and whether it moved its delivery forward.
    func deliveryStatus(_ status: String, applied: Bool) {
        registry.makeCounter(name: "textgate_delivery_statuses_total",
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
        registry.makeCounter(name: "textgate_provider_refusals_total",
                             labels: [("code", "\(code)"), ("reason", reason), ("rules_version", version)]).increment()
    }
}
