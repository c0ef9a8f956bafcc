import Foundation
import OptOut
import Storage

/// What a provider's status callback did.
public struct Receipt: Sendable {
    /// Whether it moved the delivery forward, and the delivery as it now stands.
    public var update: DeliveryUpdate
    /// The message the delivery belongs to, when it is known yet.
    public var message: OutboundMessage?
    /// The opt-out recorded because the carrier refused the number (21610), if one was.
    public var consent: ConsentEvent?
}

/// Applies the provider's delivery status callbacks (Twilio's `MessageStatus`), in order: a late
/// or repeated one changes nothing. A 21610 refusal (the number opted out at the carrier) is
/// recorded as an opt-out, as it is when the provider refuses a send outright.
public struct DeliveryReceipts: Sendable {
    /// Twilio error code for a text the carrier filtered.
    public static let carrierFiltered = 30007
    /// Twilio error code for a number that opted out (texted STOP) at the carrier.
    public static let optedOut = 21610

    let store: any TextgateStore
    let clock: @Sendable () -> Date

    /// Receipts over a store.
    public init(store: any TextgateStore, clock: @escaping @Sendable () -> Date) {
        self.store = store; self.clock = clock
    }

    /// The status a provider's `MessageStatus` value stands for: Twilio's in-between values
    /// (`accepted`, `scheduled`, `sending`) count as `queued`, `read` as `delivered`, `canceled`
    /// as `failed`; nil for any other value.
    public static func status(_ value: String) -> DeliveryStatus? {
        switch value.lowercased() {
        case "accepted", "scheduled", "queued", "sending": return .queued
        case "read": return .delivered
        case "canceled": return .failed
        default: return DeliveryStatus(rawValue: value.lowercased())
        }
    }

    /// Applies one callback for the delivery the provider calls `providerSid`.
    public func receive(providerSid: String, status: DeliveryStatus, errorCode: Int?,
                        errorMessage: String?) async throws(SendError) -> Receipt {
        let now = clock()
        do {
            let update = try await store.applyDeliveryStatus(
                providerSid: providerSid, DeliveryEvent(status: status, errorCode: errorCode, errorMessage: errorMessage, at: now))
            var message: OutboundMessage?
            if let id = update.delivery.messageId { message = try await store.message(id: id) }
            var consent: ConsentEvent?
            if update.applied, errorCode == Self.optedOut, update.delivery.channel == "sms", let message,
               let phone = try await store.recipient(id: message.recipientId)?.cellPhone {
                let ledger = ConsentLedger(store: store)
                if !(try await ledger.state(phone: phone, practiceNumber: message.fromNumber).optedOut) {
                    consent = try await ledger.record(
                        phone: phone, practiceNumber: message.fromNumber, optOut: true, source: "provider",
                        text: "provider error \(Self.optedOut): \(errorMessage ?? "the number opted out at the carrier")",
                        messageId: message.id, actor: update.delivery.transport ?? "provider", at: now)
                }
            }
            return Receipt(update: update, message: message, consent: consent)
        } catch {
            throw SendPipeline.storeFailure(error)
        }
    }
}
