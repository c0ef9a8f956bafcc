import Crypto
import Foundation
import Messaging

/// `POST /v1/messages`.
struct MessageRequest: RequestBody, Encodable {
    static let fields = ["recipient", "kind", "notify", "body", "queue", "idempotencyKey"]
    var recipient: String
    var kind: String
    var notify: [String]
    var body: String?
    var queue: String?
    var idempotencyKey: String

    /// SHA-256 of the request without its key, in a canonical form (sorted keys): the same
    /// key with another request is told apart from a retry.
    func requestHash() throws -> String {
        var copy = self
        copy.idempotencyKey = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hash(data: try encoder.encode(copy)).map { String(format: "%02x", $0) }.joined()
    }
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
