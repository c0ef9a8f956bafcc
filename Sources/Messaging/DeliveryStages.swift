import Foundation
import OptOut
import Storage

/// 4. For `kind: secure`, the secure-link module supplies the fixed generic notification; the
/// body itself never leaves the server.
public struct SecureStage: SendStage {
    let notifier: (any SecureNotifier)?

    /// The stage; without a notifier, secure sends are refused as unsupported.
    public init(notifier: (any SecureNotifier)?) { self.notifier = notifier }

    /// Replaces the outgoing text with the notification.
    public func run(_ c: inout SendContext) async throws(SendError) {
        guard c.request.kind == "secure" else { return }
        guard let notifier, let recipient = c.recipient else {
            throw SendError(.unsupported, code: "secure_messaging_unavailable",
                            message: "Secure messages need the secure-link module, which this server does not run; send kind `sms`.")
        }
        let draft = OutboundMessage(id: c.messageId, recipientId: recipient.id, kind: "secure", notify: c.request.notify,
                                    body: c.request.body, queue: c.request.queue, fromNumber: c.fromNumber, status: "pending",
                                    decision: "allow", rulesVersion: "", findingsJSON: "[]", caller: c.request.caller, createdAt: c.now)
        let notice = try await notifier.notification(for: draft, recipient: recipient)
        c.outgoing = notice.text
        c.checked = notice.redacted
        c.secret = notice.secret
    }
}

/// 5. Hands the text to the transport, once per notify method, and records each delivery (with
/// the provider's id, which its status callbacks name). A carrier refusal for an opted-out number
/// (Twilio 21610) records the opt-out and refuses the send.
public struct DeliveryStage: SendStage {
    let transport: any Transport
    let consent: any ConsentStore
    let deliveries: (any DeliveryStore)?
    let practice: Practice
    let refused: @Sendable (_ providerCode: Int, _ rulesVersion: String) -> Void

    /// The stage; `deliveries` keeps each delivery and its statuses, and `refused` hears of
    /// each provider refusal (for metrics).
    public init(transport: any Transport, consent: any ConsentStore, deliveries: (any DeliveryStore)? = nil,
                practice: Practice, refused: @escaping @Sendable (Int, String) -> Void = { _, _ in }) {
        self.transport = transport; self.consent = consent; self.deliveries = deliveries; self.practice = practice
        self.refused = refused
    }

    /// Delivers.
    public func run(_ c: inout SendContext) async throws(SendError) {
        guard let recipient = c.recipient else { return }
        for method in c.request.notify {
            let to = method == "sms" ? recipient.cellPhone! : recipient.email!
            let from = method == "sms" ? c.fromNumber : practice.email
            let delivery = Delivery(messageId: c.messageId, channel: method, from: from, to: to, body: c.outgoing,
                                    secret: c.secret, paced: c.request.paced)
            let id: String
            do {
                id = try await transport.deliver(delivery)
            } catch {
                switch error {
                case .optedOut(let code, let message):
                    refused(code, c.report?.rulesVersion ?? "")
                    try await record(c, delivery, providerSid: nil, .failed, code: code, message: message)
                    do {
                        try await ConsentLedger(store: consent).record(
                            phone: to, practiceNumber: c.fromNumber, optOut: true, source: "provider",
                            text: "provider error \(code): \(message)", messageId: c.messageId, actor: transport.name, at: c.now)
                    } catch { throw SendPipeline.storeFailure(error) }
                    throw SendError(.conflict, code: "recipient_opted_out",
                                    message: "The carrier refused the text because \(to) opted out (provider error \(code)); the opt-out is now recorded. The patient can text START to \(c.fromNumber) to receive texts again.",
                                    details: .optedOut(.init(phone: to, practiceNumber: c.fromNumber, source: "provider", providerCode: code)))
                case .failed(let reason):
                    try await record(c, delivery, providerSid: nil, .failed, message: reason)
                    throw SendError(.unavailable, code: "transport_failed", message: "The message was not delivered: \(reason)")
                }
            }
            // A queued text's delivery is recorded when the delivery worker hands it to the provider.
            if !transport.deliversLater { try await record(c, delivery, providerSid: id.isEmpty ? nil : id, .queued) }
            c.deliveries.append((method, id))
        }
    }

    /// Hands the text over to a transport that only stores it: the outbox items, and the
    /// deliveries to record, are put in `c` for the send to write with its message. False, and
    /// `c` unchanged, when the transport does more than store (then `run(_:)` delivers).
    public func stage(_ c: inout SendContext) -> Bool {
        guard let recipient = c.recipient else { return false }
        var staged = c
        for method in c.request.notify {
            let to = method == "sms" ? recipient.cellPhone! : recipient.email!
            let from = method == "sms" ? c.fromNumber : practice.email
            let delivery = Delivery(messageId: c.messageId, channel: method, from: from, to: to, body: c.outgoing,
                                    secret: c.secret, paced: c.request.paced)
            guard let (item, record) = transport.staged(delivery, at: c.now) else { return false }
            staged.outboxItems.append(item)
            if let record, deliveries != nil { staged.deliveryRecords.append(record) }
            staged.deliveries.append((method, item.id))
        }
        c = staged
        return true
    }

    /// Keeps one delivery and its first status.
    private func record(_ c: SendContext, _ delivery: Delivery, providerSid: String?, _ status: DeliveryStatus,
                        code: Int? = nil, message: String? = nil) async throws(SendError) {
        guard let deliveries else { return }
        let record = DeliveryRecord(id: Identifier.make("dlv"), messageId: c.messageId, channel: delivery.channel,
                                    transport: transport.name, body: delivery.redactedBody, providerSid: providerSid, status: status,
                                    errorCode: code, errorMessage: message, createdAt: c.now, history: [])
        do { _ = try await deliveries.recordDelivery(record) } catch { throw SendPipeline.storeFailure(error) }
    }
}
