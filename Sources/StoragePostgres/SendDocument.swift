import Foundation
import Storage

/// A batch of whole sends' rows as one JSON document: the one parameter of the prepared send
/// statements (`SendStatements`). One statement text for every batch, whatever its rows, so
/// PostgreSQL parses and plans it once per connection instead of once per send. Keys are the
/// columns' names; times are Unix milliseconds (`*_ms`), `NULL` where absent. Each idempotency
/// key (`keys`) names the message of its send, so a statement can write only the sends whose
/// key it claimed.
struct SendDocument {
    let sends: [AcceptedSend]

    init(_ sends: [AcceptedSend]) { self.sends = sends }

    /// The document as JSON text, keys the columns' names (snake_case), absent values left out.
    /// Written by hand from the sends' records: it is made for every batch (`make bench-service`
    /// measures the route), and `JSONEncoder` with its key conversion took a tenth of the
    /// server's time on PostgreSQL.
    func json() -> String {
        var w = DocumentWriter()
        w.open()
        w.array("keys", sends.compactMap { s in s.idempotency.map { (s.message.id, $0) } }) { w, pair in
            let (messageId, k) = pair
            w.field("caller", k.caller); w.field("key", k.key); w.field("status", Int64(k.status)); w.field("body", k.body)
            w.field("created_ms", Self.ms(k.createdAt)); w.field("request_hash", k.requestHash); w.field("message_id", messageId)
        }
        w.array("messages", sends.map(\.message)) { w, m in
            w.field("id", m.id); w.field("recipient_id", m.recipientId); w.field("kind", m.kind); w.field("notify", m.notify)
            w.field("body", m.body); w.field("queue", m.queue); w.field("from_number", m.fromNumber); w.field("status", m.status)
            w.field("decision", m.decision); w.field("rules_version", m.rulesVersion); w.field("findings_json", m.findingsJSON)
            w.field("caller", m.caller); w.field("created_ms", Self.ms(m.createdAt))
        }
        w.array("outbox", sends.flatMap(\.outbox)) { w, o in
            w.field("id", o.id); w.field("message_id", o.messageId); w.field("channel", o.channel); w.field("sender", o.from)
            w.field("receiver", o.to); w.field("body", o.body); w.field("created_ms", Self.ms(o.createdAt))
            w.field("acked_ms", o.ackedAt.map(Self.ms)); w.field("claimed_by", o.claimedBy)
            w.field("lease_until_ms", o.leaseUntil.map(Self.ms)); w.field("sealed_body", o.sealedBody); w.field("paced", o.paced)
        }
        w.array("deliveries", sends.flatMap(\.deliveries)) { w, d in
            w.field("id", d.id); w.field("message_id", d.messageId); w.field("channel", d.channel); w.field("transport", d.transport)
            w.field("body", d.body); w.field("provider_sid", d.providerSid); w.field("status", d.status.rawValue)
            w.field("error_code", d.errorCode.map(Int64.init)); w.field("error_message", d.errorMessage)
            w.field("created_ms", Self.ms(d.createdAt))
        }
        w.array("audit", sends.compactMap(\.audit)) { w, a in w.audit(a) }
        w.close()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A date as the Unix milliseconds stored (rounded and clamped as every bound date is).
    static func ms(_ date: Date) -> Int64 { Timestamp.millis(date) }
}

extension DocumentWriter {
    /// An audit record's fields, as the send and audit statements read them.
    mutating func audit(_ a: AuditRecord) {
        field("id", a.id); field("action", a.action); field("recipient_id", a.recipientId); field("message_id", a.messageId)
        field("decision", a.decision); field("rules_version", a.rulesVersion); field("findings_json", a.findingsJSON)
        field("caller", a.caller); field("at_ms", SendDocument.ms(a.at))
    }
}
