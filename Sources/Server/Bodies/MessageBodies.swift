import Foundation
import Messaging

/// `POST /v1/messages`.
struct MessageRequest: RequestBody, IdempotentRequest {
    static let fields = ["recipient", "kind", "notify", "body", "queue", "idempotencyKey"]
    var recipient: String
    var kind: String
    var notify: [String]
    var body: String?
    var queue: String?
    var idempotencyKey: String
}

/// `POST /v1/queues`.
struct QueueRequest: RequestBody {
    static let fields = ["name", "number"]
    var name: String
    var number: String?
}

/// `POST /v1/blocked-numbers`.
struct BlockedNumberRequest: RequestBody {
    static let fields = ["number"]
    var number: String
}

/// `POST /v1/inbound` as JSON (Twilio posts a form instead).
struct InboundRequest: RequestBody {
    static let fields = ["from", "to", "body", "messageSid"]
    var from: String
    var to: String?
    var body: String
    /// The provider's id of the text: a second post with the same id changes nothing.
    var messageSid: String?
}

extension RecipientInput: RequestBody {
    static let fields = ["firstName", "lastName", "dateOfBirth", "cellPhone", "email", "language", "timeZone"]
}

/// `POST /v1/outbox/claim`.
struct ClaimRequest: RequestBody {
    static let fields = ["limit", "leaseSeconds"]
    /// At most this many items (default 10).
    var limit: Int?
    /// How long the claim holds (default 60 seconds, at most an hour).
    var leaseSeconds: Int?
}
