import Foundation
import Messaging
import Reporting
import Storage

/// `POST /v1/inbound` as JSON: the stored text, what it was taken as, and the reply sent.
struct InboundResultBody: Encodable, Sendable {
    var id: String
    var from: String
    var to: String
    @Null var recipient: String?
    @Null var queue: String?
    var classification: String
    var blocked: Bool
    @Null var reviewReason: String?
    @Null var reply: String?
    /// `opt-out`, `opt-in`, or null when consent did not change.
    @Null var consent: String?
    /// Whether the text had to be repaired (control characters removed, bytes not UTF-8 replaced).
    var repaired: Bool

    init(_ result: InboundResult) {
        let m = result.message
        id = m.id; from = m.from; to = m.to; recipient = m.recipientId; queue = m.queue
        classification = m.classification; blocked = m.blocked; reviewReason = m.reviewReason
        reply = result.reply; consent = result.consent?.action; repaired = m.repaired
    }
}

/// `GET /v1/blocked-numbers`.
struct BlockedNumbersBody: Encodable, Sendable {
    var numbers: [String]
}

/// `POST /v1/blocked-numbers`.
struct BlockedNumberBody: Encodable, Sendable {
    var number: String
    var blocked: Bool
}

/// One record of `GET /v1/audit`, with what became of each text it sent.
struct AuditEntryBody: Encodable, Sendable {
    var id: String
    var action: String
    @Null var recipient: String?
    @Null var message: String?
    var decision: String
    var rulesVersion: String
    var findings: [FindingRecord]
    var caller: String
    var at: Date
    var deliveries: [Delivery]
    /// Whether a carrier filtered any of them (Twilio 30007).
    var carrierFiltered: Bool

    struct Delivery: Encodable, Sendable {
        @Null var channel: String?
        var status: String
        @Null var errorCode: Int?
        @Null var errorMessage: String?
    }

    /// - Throws: when the stored findings are not the JSON the API wrote.
    init(_ r: AuditRecord, deliveries sent: [DeliveryRecord]) throws {
        id = r.id; action = r.action; recipient = r.recipientId; message = r.messageId; decision = r.decision
        rulesVersion = r.rulesVersion; findings = try FindingRecord.stored(r.findingsJSON); caller = r.caller; at = r.at
        deliveries = sent.map { Delivery(channel: $0.channel, status: $0.status.rawValue, errorCode: $0.errorCode, errorMessage: $0.errorMessage) }
        carrierFiltered = sent.contains { d in d.history.contains { $0.errorCode == DeliveryReceipts.carrierFiltered } }
    }
}
