import Foundation
import Hummingbird
import Messaging
import SecureLinks
import Storage

extension Router where Context == AppContext {
    /// Staff routes for secure messages: see a link's state, re-send a link.
    func addSecureStaffRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.get, "/v1/messages/{id}/secure-link", roles: [.sender], state: state, registry: registry) { _, context in
            let message = try await SecureStaff.secureMessage(state, context)
            guard let link = try await state.store.links(messageId: message.id).first else {
                throw APIError(.notFound, "secure_link_not_found", "Message `\(message.id)` has no secure link.")
            }
            return try .encoded(SecureLinkBody(link, now: state.clock()))
        }
        route(.post, "/v1/messages/{id}/resend-link", roles: [.sender], state: state, registry: registry) { _, context in
            let message = try await SecureStaff.secureMessage(state, context)
            guard let recipient = try await state.store.recipient(id: message.recipientId) else {
                throw APIError.notFound("recipient", message.recipientId)
            }
            let (link, token) = try await state.secureLinks.resend(messageId: message.id, recipientId: recipient.id)
            let text = SecureNotification.text(practice: state.config.practice.name, url: state.publicBaseURL + "/s/" + token)
            var deliveries: [HandedOver] = []
            for method in message.notify {
                let to = method == "sms" ? recipient.cellPhone : recipient.email
                guard let to else { continue }
                let from = method == "sms" ? message.fromNumber : state.config.practice.email
                do {
                    // The token is the delivery's secret: sealed in the outbox, redacted in every view.
                    let id = try await state.transport.deliver(Delivery(messageId: message.id, channel: method, from: from, to: to,
                                                                        body: text, secret: token))
                    deliveries.append(HandedOver(channel: method, id: id))
                } catch {
                    throw APIError(.badGateway, "transport_failed", "The new link was created but its notification was not delivered: \(error).")
                }
            }
            return try .encoded(ResentLinkBody(message: message.id, link: SecureLinkBody(link, now: state.clock()), deliveries: deliveries),
                                status: .created)
        }
    }
}

enum SecureStaff {
    static func secureMessage(_ state: ServerState, _ context: AppContext) async throws -> OutboundMessage {
        let id = try context.parameters.require("id")
        guard let message = try await state.store.message(id: id) else { throw APIError.notFound("message", id) }
        guard message.kind == "secure" else {
            throw APIError(.conflict, "not_a_secure_message", "Message `\(id)` is an SMS, not a secure message; it has no link.")
        }
        return message
    }
}
