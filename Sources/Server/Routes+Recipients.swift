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
                return .json(RecipientJSON.encode(recipient), status: .created, headers: [.location: "\(base)/\(recipient.id)"])
            }
            route(.get, base, roles: [.sender], state: state, registry: registry) { request, _ in
                let page = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"]).page()
                let result = try await state.store.recipients(kind: kind, page: page)
                return .json("{\"items\":\(JSON.list(result.items.map(RecipientJSON.encode))),\"nextCursor\":\(JSON.q(result.next?.token))}")
            }
            route(.get, base + "/{id}", roles: [.sender], state: state, registry: registry) { _, context in
                .json(RecipientJSON.encode(try await Self.recipient(kind, context, state)))
            }
            route(.patch, base + "/{id}", roles: [.sender], state: state, registry: registry) { request, context in
                let existing = try await Self.recipient(kind, context, state)
                let input = try await Self.recipientInput(request, context)
                var updated = try input.apply(to: existing, today: state.clock())
                updated.updatedAt = state.clock()
                _ = try await state.store.updateRecipient(updated)
                return .json(RecipientJSON.encode(updated))
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
            let s = Sendability(r)
            let methods = s.methods.map { m in
                "{\"method\":\(JSON.q(m.name)),\"available\":\(m.available),\"missing\":\(JSON.strings(m.missing))}"
            }
            return .json("{\"recipient\":\(JSON.q(r.id)),\"kind\":\(JSON.q(r.kind.rawValue)),\"sendable\":\(s.methods.contains { $0.available }),\"methods\":\(JSON.list(methods))}")
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

/// Recipients as JSON.
enum RecipientJSON {
    static func encode(_ r: Recipient) -> String {
        let s = Sendability(r)
        return "{\"id\":\(JSON.q(r.id)),\"kind\":\(JSON.q(r.kind.rawValue)),\"firstName\":\(JSON.q(r.firstName)),\"lastName\":\(JSON.q(r.lastName)),\"dateOfBirth\":\(JSON.q(r.dateOfBirth)),\"cellPhone\":\(JSON.q(r.cellPhone)),\"email\":\(JSON.q(r.email)),\"language\":\(JSON.q(r.language)),\"timeZone\":\(JSON.q(r.timeZone)),\"sendable\":\(JSON.strings(s.methods.filter(\.available).map(\.name))),\"createdAt\":\(JSON.time(r.createdAt)),\"updatedAt\":\(JSON.time(r.updatedAt))}"
    }
}
