import Foundation
import Messaging
import Storage

/// A list route's answer: one page of items, and the cursor of the next page (null on the last).
struct PageBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    init(items: [Item], next: PageCursor?) {
        self.items = items; self.nextCursor = next?.token
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page, never left out
    }
}

/// One status a delivery reached, in `GET /v1/messages/{id}`.
struct DeliveryEventBody: Encodable {
    var status: String
    var errorCode: Int?
    var errorMessage: String?
    var at: Date

    enum CodingKeys: String, CodingKey { case status, errorCode, errorMessage, at }

    init(_ e: DeliveryEvent) {
        status = e.status.rawValue; errorCode = e.errorCode; errorMessage = e.errorMessage; at = e.at
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(errorMessage, forKey: .errorMessage)
        try c.encode(at, forKey: .at)
    }
}

/// One delivery of a message: the text as handed over (a secure link's token hidden), the
/// provider's id, the latest status and every status it reached.
struct DeliveryBody: Encodable {
    var id: String
    var channel: String?
    var transport: String?
    var text: String?
    var providerSid: String?
    var status: String
    var errorCode: Int?
    var errorMessage: String?
    /// Whether the carrier filtered it (Twilio 30007).
    var carrierFiltered: Bool
    var createdAt: Date
    var history: [DeliveryEventBody]

    enum CodingKeys: String, CodingKey {
        case id, channel, transport, text, providerSid, status, errorCode, errorMessage, carrierFiltered, createdAt, history
    }

    init(_ d: DeliveryRecord) {
        id = d.id; channel = d.channel; transport = d.transport; text = d.body; providerSid = d.providerSid
        status = d.status.rawValue; errorCode = d.errorCode; errorMessage = d.errorMessage
        carrierFiltered = d.history.contains { $0.errorCode == DeliveryReceipts.carrierFiltered }
        createdAt = d.createdAt; history = d.history.map(DeliveryEventBody.init)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(channel, forKey: .channel)
        try c.encode(transport, forKey: .transport)
        try c.encode(text, forKey: .text)
        try c.encode(providerSid, forKey: .providerSid)
        try c.encode(status, forKey: .status)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(errorMessage, forKey: .errorMessage)
        try c.encode(carrierFiltered, forKey: .carrierFiltered)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(history, forKey: .history)
    }
}

/// An outbound message as senders follow it: `GET /v1/messages/{id}` and each item of
/// `GET /v1/messages`. A secure message's text never appears.
struct MessageBody: Encodable {
    var id: String
    var recipient: String
    var kind: String
    var notify: [String]
    var body: String
    var from: String
    var queue: String?
    var status: String
    var decision: String
    var rulesVersion: String
    var findings: [FindingBody]
    var caller: String
    var createdAt: Date
    var deliveries: [DeliveryBody]

    enum CodingKeys: String, CodingKey {
        case id, recipient, kind, notify, body, from, queue, status, decision, rulesVersion, findings, caller, createdAt, deliveries
    }

    /// - Throws: when the stored findings are not the JSON the API wrote.
    init(_ m: OutboundMessage, deliveries: [DeliveryRecord]) throws {
        id = m.id; recipient = m.recipientId; kind = m.kind; notify = m.notify
        body = m.kind == "secure" ? "(secure message)" : m.body
        from = m.fromNumber; queue = m.queue; status = m.status; decision = m.decision; rulesVersion = m.rulesVersion
        findings = try JSONDecoder().decode([FindingBody].self, from: Data(m.findingsJSON.utf8)); caller = m.caller; createdAt = m.createdAt
        self.deliveries = deliveries.map(DeliveryBody.init)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(kind, forKey: .kind)
        try c.encode(notify, forKey: .notify)
        try c.encode(body, forKey: .body)
        try c.encode(from, forKey: .from)
        try c.encode(queue, forKey: .queue)
        try c.encode(status, forKey: .status)
        try c.encode(decision, forKey: .decision)
        try c.encode(rulesVersion, forKey: .rulesVersion)
        try c.encode(findings, forKey: .findings)
        try c.encode(caller, forKey: .caller)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(deliveries, forKey: .deliveries)
    }
}

/// `POST /v1/status`'s answer: whether the callback moved the delivery forward, and where it stands.
struct StatusResponse: Encodable {
    var applied: Bool
    var message: String?
    var delivery: DeliveryBody

    enum CodingKeys: String, CodingKey { case applied, message, delivery }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(applied, forKey: .applied)
        try c.encode(message, forKey: .message)
        try c.encode(delivery, forKey: .delivery)
    }
}
