import Foundation
import Hummingbird
import Messaging
import OptOut
import Storage

extension Router where Context == AppContext {
    /// The provider webhook and blocked senders.
    func addInboundRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/inbound", roles: [.provider], state: state, registry: registry) { request, context in
            let buffer = try await BodyReader.bytes(request, context: context)
            // A patient's text is never refused for its bytes (a STOP must not be lost to one
            // bad byte): invalid UTF-8 is replaced with U+FFFD before anything reads it.
            let raw = String(decoding: buffer.readableBytesView, as: UTF8.self)
            // Twilio posts a form; other callers post JSON (even when a client labels it a form).
            let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
                && !raw.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
            var fields: [String: String] = [:]
            var wayInRepaired = false
            if isForm {
                (fields, wayInRepaired) = FormEncoding.decodeRepairing(buffer.readableBytesView)
            } else {
                let (json, replacedSurrogate) = InboundJSON.repairing(raw.utf8)
                wayInRepaired = replacedSurrogate
                let body = try BodyReader.decode(InboundRequest.self, json, lenient: true)
                fields["from"] = body.from
                fields["body"] = body.body
                if let to = body.to { fields["to"] = to }
                if let sid = body.messageSid { fields["messageSid"] = sid }
            }
            try ProviderSignature.require(request, fields: isForm ? fields : [:], state: state)
            guard let from = fields["from"] ?? fields["From"], let body = fields["body"] ?? fields["Body"] else {
                throw APIError(.badRequest, "missing_field", "An inbound message needs `from` and `body` (Twilio: From, Body).")
            }
            let to = fields["to"] ?? fields["To"] ?? state.config.practice.number
            // A provider's retry of a text already received answers as the first post did.
            let sid = fields["MessageSid"] ?? fields["SmsSid"] ?? fields["messageSid"]
            return try await InboundDeduplication.run(sid: sid, fields: fields, state: state) {
                // Never refused for its content: line ends made LF, control characters removed, and
                // the record marked repaired when anything beyond line ends had to change.
                let cleaned = InboundText.clean(body)
                let repaired = cleaned.removedControls || wayInRepaired || !raw.utf8.elementsEqual(buffer.readableBytesView)
                let result = try await state.inbound.receive(from: from, to: to, body: cleaned.text, repaired: repaired)
                state.metrics.inbound(result.message.classification)
                if isForm {
                    return .init(status: 200, body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", xml: true)
                }
                return .init(status: 200, body: try JSONBody.text(InboundResultBody(result)), xml: false)
            }
        }
        route(.get, "/v1/blocked-numbers", roles: [.admin], state: state, registry: registry) { _, _ in
            try .encoded(BlockedNumbersBody(numbers: try await state.store.blockedNumbers()))
        }
        route(.post, "/v1/blocked-numbers", roles: [.admin], state: state, registry: registry) { request, context in
            let raw = try await BodyReader.decode(BlockedNumberRequest.self, request, context: context).number
            guard let number = PhoneNumber.e164(raw) else { throw APIError(.badRequest, "invalid_field", "`number` `\(raw)` is not a phone number.") }
            let added = try await state.store.blockNumber(number, at: state.clock())
            return try .encoded(BlockedNumberBody(number: number, blocked: true), status: added ? .created : .ok)
        }
        route(.delete, "/v1/blocked-numbers/{number}", roles: [.admin], state: state, registry: registry) { _, context in
            let raw = try context.parameters.require("number")
            guard let number = PhoneNumber.e164(raw.removingPercentEncoding ?? raw) else {
                throw APIError(.badRequest, "invalid_field", "`\(raw)` is not a phone number.")
            }
            guard try await state.store.unblockNumber(number) else {
                throw APIError(.notFound, "number_not_blocked", "\(number) is not on the blocked-senders list.")
            }
            return Response(status: .noContent)
        }
        route(.get, "/v1/audit", roles: [.admin], state: state, registry: registry, query: true) { request, _ in
            let q = try QueryReader(request, allowed: ["recipient", "from", "to", "decision", "limit", "cursor"])
            // A decision (allow, warn, block) or the code of a refusal (recipient_opted_out, ...):
            // every refusal code has an underscore, so a word that is neither is a typo, not a filter.
            let decision = q.string("decision")
            if let d = decision, !["allow", "warn", "block"].contains(d),
               d.range(of: "^[a-z]+(_[a-z]+)+$", options: .regularExpression) == nil {
                throw QueryReader.invalid("decision", "is `\(d)`: give `allow`, `warn`, `block` or a refusal code such as `recipient_opted_out`")
            }
            let filter = AuditFilter(recipientId: q.string("recipient"), decision: decision)
            let page = try await state.store.audit(filter, page: try q.page())
            // What became of each sent text, so texts carriers still filter (30007) show here.
            let deliveries = Dictionary(grouping: try await state.store.deliveries(messageIds: page.items.compactMap(\.messageId))) {
                $0.messageId ?? ""
            }
            let items = try page.items.map { r in
                try AuditEntryBody(r, deliveries: r.messageId.flatMap { deliveries[$0] } ?? [])
            }
            return try .encoded(PageBody(items: items, next: page.next))
        }
    }
}
