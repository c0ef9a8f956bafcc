import Foundation
import Hummingbird
import Messaging
import OptOut
import Storage

extension Router where Context == AppContext {
    /// Delivery receipts from the provider, and following outbound messages.
    func addReceiptRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/status", roles: [.provider], state: state, registry: registry) { request, context in
            let buffer = try await BodyReader.bytes(request, context: context)
            guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
                throw APIError(.unsupportedMediaType, "unsupported_media_type",
                               "Post the provider's status callback as a form (application/x-www-form-urlencoded) with MessageSid and MessageStatus.")
            }
            // A receipt is the provider's, not a patient's: bytes that are not UTF-8 are refused, as
            // on every route but a patient's texts.
            let (fields, repaired) = FormEncoding.decodeRepairing(buffer.readableBytesView)
            guard !repaired else {
                throw APIError(.badRequest, "invalid_utf8", "The status callback is not valid UTF-8 (a byte or %XX escape); send it as UTF-8.")
            }
            try ProviderSignature.require(request, fields: fields, state: state)
            guard let sid = fields["MessageSid"] ?? fields["SmsSid"], !sid.isEmpty else {
                throw APIError(.badRequest, "missing_field", "A status callback needs `MessageSid`, the provider's id of the text.")
            }
            guard let raw = fields["MessageStatus"] ?? fields["SmsStatus"] else {
                throw APIError(.badRequest, "missing_field", "A status callback needs `MessageStatus` (queued, sent, delivered, undelivered or failed).")
            }
            guard let status = DeliveryReceipts.status(raw) else {
                throw APIError(.badRequest, "invalid_field",
                               "`MessageStatus` `\(raw)` is not a delivery status; expected queued, sent, delivered, undelivered or failed (or Twilio's accepted, scheduled, sending, read, canceled).",
                               detail: FieldDetail(field: "MessageStatus"))
            }
            var code: Int?
            if let text = fields["ErrorCode"], !text.isEmpty {
                guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text) else {
                    throw APIError(.badRequest, "invalid_field", "`ErrorCode` `\(text)` is not a number; send the provider's numeric error code, or leave it out.",
                                   detail: FieldDetail(field: "ErrorCode"))
                }
                code = n
            }
            // The provider's words are kept whole: control characters go (a NUL would cut the rest
            // where it is stored), line ends become LF.
            let message = fields["ErrorMessage"].map { InboundText.clean($0).text }.flatMap { $0.isEmpty ? nil : $0 }
            let receipt = try await state.receipts.receive(providerSid: sid, status: status, errorCode: code, errorMessage: message)
            state.metrics.deliveryStatus(status.rawValue, applied: receipt.update.applied)
            if receipt.update.applied, let code {
                state.metrics.providerRefusal(code: code, rulesVersion: receipt.message?.rulesVersion)
            }
            return try .encoded(StatusResponse(applied: receipt.update.applied, message: receipt.message?.id,
                                               delivery: DeliveryBody(receipt.update.delivery)))
        }
        route(.get, "/v1/messages", roles: [.sender], state: state, registry: registry, query: true) { request, _ in
            let q = try QueryReader(request, allowed: ["status", "recipient", "from", "to", "limit", "cursor"])
            let status = try q.oneOf("status", Self.messageStatuses)
            let page = try await state.store.messages(MessageFilter(status: status, recipientId: q.string("recipient")), page: try q.page())
            let deliveries = Dictionary(grouping: try await state.store.deliveries(messageIds: page.items.map(\.id))) { $0.messageId ?? "" }
            let items = try page.items.map { try MessageBody($0, deliveries: deliveries[$0.id] ?? []) }
            return try .encoded(PageBody(items: items, next: page.next))
        }
        route(.get, "/v1/messages/{id}", roles: [.sender], state: state, registry: registry) { _, context in
            let id = try context.parameters.require("id")
            guard let message = try await state.store.message(id: id) else { throw APIError.notFound("message", id) }
            return try .encoded(MessageBody(message, deliveries: try await state.store.deliveries(messageId: id)))
        }
    }

    /// What `status` may be in `GET /v1/messages`: a message's own status or a delivery's.
    static var messageStatuses: [String] {
        ["pending", "sent", "blocked", "refused", "failed"] + DeliveryStatus.allCases.map(\.rawValue).filter { $0 != "sent" && $0 != "failed" }
    }
}
