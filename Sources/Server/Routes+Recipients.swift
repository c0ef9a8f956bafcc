import Foundation
import HTTPTypes
import Hummingbird
import Messaging
import Storage

extension Router where Context == AppContext {
    /// `/v1/patients`, `/v1/contacts`, and sendability.
    func addRecipientRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        for kind in RecipientKind.allCases {
            let base = "/v1/\(kind.rawValue)s"
            route(.post, base, roles: [.sender], state: state, registry: registry) { request, context in
                let input = try await Self.recipientInput(request, context)
                let now = state.clock()
                let blank = Recipient(id: Identifier.make(kind == .patient ? "pat" : "con"), kind: kind, createdAt: now, updatedAt: now)
                let recipient = try input.apply(to: blank, today: now)
                try await state.store.insertRecipient(recipient)
                return try .encoded(RecipientBody(recipient), status: .created, headers: [.location: "\(base)/\(recipient.id)"])
            }
            route(.get, base, roles: [.sender], state: state, registry: registry, query: true) { request, _ in
                let page = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"]).page()
                let result = try await state.store.recipients(kind: kind, page: page)
                return try .encoded(PageBody(result.map(RecipientBody.init)))
            }
            route(.get, base + "/{id}", roles: [.sender], state: state, registry: registry) { _, context in
                try .encoded(RecipientBody(try await Self.recipient(kind, context, state)))
            }
            route(.patch, base + "/{id}", roles: [.sender], state: state, registry: registry) { request, context in
                let existing = try await Self.recipient(kind, context, state)
                let input = try await Self.recipientInput(request, context)
                var updated = try input.apply(to: existing, today: state.clock())
                updated.updatedAt = state.clock()
                _ = try await state.store.updateRecipient(updated)
                return try .encoded(RecipientBody(updated))
            }
            route(.delete, base + "/{id}", roles: [.sender], state: state, registry: registry) { _, context in
                let existing = try await Self.recipient(kind, context, state)
                _ = try await state.store.deleteRecipient(id: existing.id)
                return Response(status: .noContent)
            }
        }
        route(.get, "/v1/recipients/{id}/sendability", roles: [.sender], state: state, registry: registry) { _, context in
            let id = try context.parameters.require("id")
            guard let r = try await state.store.recipient(id: id) else { throw APIError.notFound("recipient", id) }
            return try .encoded(SendabilityBody(r))
        }
    }

    static func recipientInput(_ request: Request, _ context: AppContext) async throws -> RecipientInput {
        try await BodyReader.decode(RecipientInput.self, request, context: context)
    }

    static func recipient(_ kind: RecipientKind, _ context: AppContext, _ state: ServerState) async throws -> Recipient {
        let id = try context.parameters.require("id")
        guard let r = try await state.store.recipient(id: id), r.kind == kind else { throw APIError.notFound(kind.rawValue, id) }
        return r
    }
}
