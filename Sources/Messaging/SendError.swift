/// Why a send or an address-book change was refused: a stable code per cause, a message for
/// people, details for programs. The server maps each to an HTTP status.
public struct SendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable cause, e.g. `recipient_opted_out`.
    public var code: String
    /// What is wrong and what to do.
    public var message: String
    /// What the refusal names for programs (the API's `details`), or nil.
    public var details: SendErrorDetails?
    /// The kind of failure, which decides the HTTP status.
    public var kind: Kind

    /// Kinds of failure.
    public enum Kind: Sendable, Equatable {
        /// The request is malformed or a field is invalid (400/422).
        case invalid
        /// The thing named does not exist (404).
        case notFound
        /// The state forbids it: opted out, blocked, duplicate (409).
        case conflict
        /// The content is blocked by the rules (422).
        case blocked
        /// The provider or store failed (502/503).
        case unavailable
        /// Not available in this build or configuration (501).
        case unsupported
    }

    /// A refusal.
    public init(_ kind: Kind, code: String, message: String, details: SendErrorDetails? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.details = details
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

extension SendError {
    /// A send that claimed its idempotency key found it already used: nothing was written. It
    /// never reaches the API: the server answers with the key's first answer instead.
    public static let idempotencyKeyTaken = SendError(.conflict, code: takenCode,
        message: "This idempotencyKey was already used, by this request or another; nothing was sent.")

    /// The code of ``idempotencyKeyTaken``, kept apart from the codes the API answers with
    /// (which its Error schema lists).
    private static let takenCode = "idempotency_key_taken"

    /// A send asked to claim its key that could not be written in one transaction: nothing was
    /// written, and the key stays free for a retry.
    public static let idempotencyKeyUnclaimed = SendError(
        .unavailable, code: "idempotency_key_unclaimed",
        message: "This send could not be written in one transaction with its idempotency key; nothing was sent. Retry.")

    /// Whether nothing was written and the key not used: the answer is not the key's.
    public var leavesKeyUnused: Bool { self == .idempotencyKeyTaken || self == .idempotencyKeyUnclaimed }
}
