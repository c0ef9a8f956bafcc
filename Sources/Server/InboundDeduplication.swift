import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// Inbound webhooks de-duplicated by the provider's `MessageSid`: the id is reserved in the store
/// (unique there, so two instances cannot both take it) before the text is processed; a repeat
/// post answers what the first did and changes nothing.
enum InboundDeduplication {
    /// The reservations' owner in the idempotency table, apart from every API key's id.
    static let owner = "webhook:inbound"

    /// A webhook's answer, kept to replay.
    struct Answer: Sendable {
        var status: Int
        var body: String
        var xml: Bool

        var response: Response {
            xml ? Response(status: .init(code: status), headers: [.contentType: "application/xml"],
                           body: .init(byteBuffer: ByteBuffer(string: body)))
                : .json(body, status: .init(code: status))
        }
    }

    /// Runs `process` once per `sid` (every time when there is none) and answers what it did.
    /// - Throws: 409 `webhook_in_progress` while the first post with this id is still being
    ///   processed, 409 `message_sid_reused` when the id came with different fields.
    static func run(sid: String?, fields: [String: String], state: ServerState,
                    _ process: () async throws -> Answer) async throws -> Response {
        guard let sid, !sid.isEmpty else { return try await process().response }
        let hash = requestHash(fields)
        switch try await state.store.reserveIdempotency(caller: owner, key: sid, requestHash: hash, at: state.clock()) {
        case .completed(let first):
            let xml = first.body.hasPrefix("<?xml")
            var response = Answer(status: first.status, body: first.body, xml: xml).response
            response.headers[HTTPField.Name("Idempotent-Replayed")!] = "true"
            return response
        case .inFlight:
            throw APIError(.conflict, "webhook_in_progress",
                           "The message \(sid) is still being processed from an earlier post; post again shortly.",
                           headers: [.retryAfter: "1"])
        case .mismatch:
            throw APIError(.conflict, "message_sid_reused",
                           "MessageSid \(sid) was already received with different fields; nothing was changed. Each message needs its own MessageSid.",
                           detail: MessageSidDetail(messageSid: sid))
        case .reserved:
            break
        }
        let answer: Answer
        do {
            answer = try await process()
        } catch {
            // Nothing was kept for this id, so the provider's retry is processed afresh.
            _ = try await state.store.releaseIdempotency(caller: owner, key: sid)
            throw error
        }
        _ = try await state.store.completeIdempotency(IdempotentResponse(
            caller: owner, key: sid, status: answer.status, body: answer.body, createdAt: state.clock(), requestHash: hash))
        return answer.response
    }

    /// SHA-256 of the fields, sorted by name.
    static func requestHash(_ fields: [String: String]) -> String {
        let canonical = fields.keys.sorted().map { "\($0.utf8.count):\($0)=\(fields[$0]!.utf8.count):\(fields[$0]!)" }.joined(separator: "&")
        return Hex.string(digest: SHA256.hash(data: Data(canonical.utf8)))
    }
}
