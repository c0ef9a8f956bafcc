import Crypto
import Foundation
import Storage

/// A request body carrying an idempotency key: a retry with the same key and the same request
/// answers as the first did.
protocol IdempotentRequest: Encodable {
    /// The caller's key for this request.
    var idempotencyKey: String { get set }
}

extension IdempotentRequest {
    /// SHA-256 of the request without its key, in a canonical form (sorted keys): the same key
    /// sent with another request is told apart from a retry.
    func requestHash() throws -> String {
        var copy = self
        copy.idempotencyKey = ""
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Hex.string(digest: SHA256.hash(data: try encoder.encode(copy)))
    }
}
