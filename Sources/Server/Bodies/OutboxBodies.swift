import Foundation
import SecureLinks
import Storage

/// An outbox item as its collector reads it: the real text (opened from its sealed form) until
/// it is acknowledged, the redacted text after.
struct OutboxItemBody: Encodable, Sendable {
    var id: String
    var messageId: String
    var channel: String
    var from: String
    var to: String
    var body: String
    var createdAt: Date
    @Null var ackedAt: Date?
    @Null var claimedBy: String?
    @Null var leaseUntil: Date?

    init(_ i: OutboxItem, keys: ServerKeys) {
        id = i.id; messageId = i.messageId; channel = i.channel; from = i.from; to = i.to
        body = i.sealedBody.flatMap(keys.open) ?? i.body
        createdAt = i.createdAt; ackedAt = i.ackedAt; claimedBy = i.claimedBy; leaseUntil = i.leaseUntil
    }
}

/// `POST /v1/outbox/claim`: the items this collector now holds.
struct ClaimedBody: Encodable, Sendable {
    var items: [OutboxItemBody]
}

/// `POST /v1/outbox/{id}/ack`.
struct AcknowledgedBody: Encodable, Sendable {
    var id: String
    var acknowledged: Bool
}
