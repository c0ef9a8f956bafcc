import Foundation
import Messaging
import Reporting
import Storage

/// One status a delivery reached, in `GET /v1/messages/{id}`.
struct DeliveryEventBody: Encodable, Sendable {
    var status: String
    @Null var errorCode: Int?
    @Null var errorMessage: String?
    var at: Date

    init(_ e: DeliveryEvent) {
        status = e.status.rawValue; errorCode = e.errorCode; errorMessage = e.errorMessage; at = e.at
    }
}

/// One delivery of a message: the text as handed over (a secure link's token hidden), the
/// provider's id, the latest status and every status it reached.
struct DeliveryBody: Encodable, Sendable {
    var id: String
    @Null var channel: String?
    @Null var transport: String?
    @Null var text: String?
    @Null var providerSid: String?
    var status: String
    @Null var errorCode: Int?
    @Null var errorMessage: String?
    /// Whether the carrier filtered it (Twilio 30007).
    var carrierFiltered: Bool
    var createdAt: Date
    var history: [DeliveryEventBody]

    init(_ d: DeliveryRecord) {
        id = d.id; channel = d.channel; transport = d.transport; text = d.body; providerSid = d.providerSid
        status = d.status.rawValue; errorCode = d.errorCode; errorMessage = d.errorMessage
        carrierFiltered = d.history.contains { $0.errorCode == DeliveryReceipts.carrierFiltered }
        createdAt = d.createdAt; history = d.history.map(DeliveryEventBody.init)
    }
}

/// An outbound message as senders follow it: `GET /v1/messages/{id}` and each item of
/// `GET /v1/messages`. A secure message's text never appears.
struct MessageBody: Encodable, Sendable {
    var id: String
    var recipient: String
    var kind: String
    var notify: [String]
    var body: String
    var from: String
    @Null var queue: String?
    var status: String
    var decision: String
    var rulesVersion: String
    var findings: [FindingRecord]
    var caller: String
    var createdAt: Date
    var deliveries: [DeliveryBody]

    /// - Throws: when the stored findings are not the JSON the API wrote.
    init(_ m: OutboundMessage, deliveries: [DeliveryRecord]) throws {
        id = m.id; recipient = m.recipientId; kind = m.kind; notify = m.notify
        body = m.kind == "secure" ? "(secure message)" : m.body
        from = m.fromNumber; queue = m.queue; status = m.status; decision = m.decision; rulesVersion = m.rulesVersion
        findings = try FindingRecord.stored(m.findingsJSON); caller = m.caller
        createdAt = m.createdAt
        self.deliveries = deliveries.map(DeliveryBody.init)
    }
}

/// `POST /v1/status`'s answer: whether the callback moved the delivery forward, and where it stands.
struct StatusResponse: Encodable, Sendable {
    var applied: Bool
    @Null var message: String?
    var delivery: DeliveryBody
}
