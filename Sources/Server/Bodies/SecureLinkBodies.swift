import Foundation
import Storage

/// A secure message's link as staff see it: its state, never its token.
struct SecureLinkBody: Encodable, Sendable {
    var id: String
    /// `active`, `locked`, `expired` or `replaced`.
    var status: String
    var createdAt: Date
    var expiresAt: Date
    var failedPins: Int
    var failedIdentityChecks: Int
    @Null var lockedAt: Date?
    @Null var lockReason: String?

    init(_ l: SecureLink, now: Date) {
        id = l.id
        status = l.revokedAt != nil ? "replaced" : now >= l.expiresAt ? "expired" : l.lockedAt != nil ? "locked" : "active"
        createdAt = l.createdAt; expiresAt = l.expiresAt; failedPins = l.failedPins; failedIdentityChecks = l.failedIdentity
        lockedAt = l.lockedAt; lockReason = l.lockReason
    }
}

/// `POST /v1/messages/{id}/resend-link`: the new link and the notifications that carried it.
struct ResentLinkBody: Encodable, Sendable {
    var message: String
    var link: SecureLinkBody
    var deliveries: [HandedOver]
}

/// A text handed to a transport: its channel and the transport's id.
struct HandedOver: Encodable, Sendable {
    var channel: String
    var id: String
}
