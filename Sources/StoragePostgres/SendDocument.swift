import Foundation
import Storage

/// A whole send's rows as one JSON document: the one parameter of the prepared send statements
/// (`SendStatements`). One statement text for every send, whatever its rows, so PostgreSQL
/// parses and plans it once per connection instead of once per send. Keys are the columns'
/// names; times are Unix milliseconds (`*_ms`), `NULL` where absent.
struct SendDocument: Encodable {
    struct Key: Encodable {
        var caller, key: String
        var status: Int
        var body: String
        var createdMs: Int64
        var requestHash: String
    }

    struct Message: Encodable {
        var id, recipientId, kind: String
        var notify: [String]
        var body: String
        var queue: String?
        var fromNumber, status, decision, rulesVersion, findingsJson, caller: String
        var createdMs: Int64
    }

    struct Outbox: Encodable {
        var id, messageId, channel, sender, receiver, body: String
        var createdMs: Int64
        var ackedMs: Int64?
        var claimedBy: String?
        var leaseUntilMs: Int64?
        var sealedBody: String?
        var paced: Bool
    }

    struct Delivery: Encodable {
        var id: String
        var messageId, channel, transport, body: String?
        var providerSid: String?
        var status: String
        var errorCode: Int?
        var errorMessage: String?
        var createdMs: Int64
    }

    struct Audit: Encodable {
        var id, action: String
        var recipientId, messageId: String?
        var decision, rulesVersion, findingsJson, caller: String
        var atMs: Int64
    }

    var key: Key?
    var messages: [Message]
    var outbox: [Outbox]
    var deliveries: [Delivery]
    var audit: [Audit]

    init(_ send: AcceptedSend) {
        key = send.idempotency.map {
            Key(caller: $0.caller, key: $0.key, status: $0.status, body: $0.body, createdMs: Self.ms($0.createdAt),
                requestHash: $0.requestHash)
        }
        let m = send.message
        messages = [Message(id: m.id, recipientId: m.recipientId, kind: m.kind, notify: m.notify, body: m.body, queue: m.queue,
                            fromNumber: m.fromNumber, status: m.status, decision: m.decision, rulesVersion: m.rulesVersion,
                            findingsJson: m.findingsJSON, caller: m.caller, createdMs: Self.ms(m.createdAt))]
        outbox = send.outbox.map {
            Outbox(id: $0.id, messageId: $0.messageId, channel: $0.channel, sender: $0.from, receiver: $0.to, body: $0.body,
                   createdMs: Self.ms($0.createdAt), ackedMs: $0.ackedAt.map(Self.ms), claimedBy: $0.claimedBy,
                   leaseUntilMs: $0.leaseUntil.map(Self.ms), sealedBody: $0.sealedBody, paced: $0.paced)
        }
        deliveries = send.deliveries.map {
            Delivery(id: $0.id, messageId: $0.messageId, channel: $0.channel, transport: $0.transport, body: $0.body,
                     providerSid: $0.providerSid, status: $0.status.rawValue, errorCode: $0.errorCode,
                     errorMessage: $0.errorMessage, createdMs: Self.ms($0.createdAt))
        }
        audit = send.audit.map {
            [Audit(id: $0.id, action: $0.action, recipientId: $0.recipientId, messageId: $0.messageId, decision: $0.decision,
                   rulesVersion: $0.rulesVersion, findingsJson: $0.findingsJSON, caller: $0.caller, atMs: Self.ms($0.at))]
        } ?? []
    }

    /// The document as JSON text, with snake_case keys (the columns' names).
    func json() throws(StorageError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(self), as: UTF8.self)
        } catch {
            throw .unavailable("write send \(messages.first?.id ?? ""): its rows could not be encoded: \(error)")
        }
    }

    /// A date as the Unix milliseconds stored (rounded and clamped as every bound date is).
    static func ms(_ date: Date) -> Int64 {
        Int64((Millisecond.date(date).timeIntervalSince1970 * 1000).rounded())
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()
}
