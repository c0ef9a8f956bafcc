import Foundation
import Hummingbird
import Messaging
import SecureLinks
import Storage

extension Router where Context == AppContext {
    /// Sending, the outbox, queues and threads.
    func addMessageRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/messages", roles: [.sender], state: state, registry: registry) { request, context in
            let body = try await BodyReader.decode(MessageRequest.self, request, context: context)
            let caller = context.caller?.id ?? ""
            let hash = try body.requestHash()
            let send = SendRequest(recipientId: body.recipient, kind: body.kind, notify: body.notify, body: body.body ?? "",
                                   queue: body.queue, caller: caller)
            // The key is held in the store, so the same key sent to two instances at once sends once:
            // through the outbox it is claimed in the transaction that writes the send, otherwise
            // reserved before the send runs. A refusal before anything ran (invalid, not found)
            // leaves the key free for a corrected retry; any other refusal is the key's answer.
            let key = body.idempotencyKey
            let clock = state.clock
            let claim = state.pipeline.canClaimKey(send)
            return try await Idempotent.runSaving(state, caller: caller, key: key, hash: hash,
                                                  unit: "message", undone: "sent", claim: claim) {
                do {
                    // The answer is saved for the key in the transaction that writes the send, when the transport allows.
                    let result = try await state.pipeline.send(send, answer: { result in
                        IdempotentResponse(caller: caller, key: key, status: MessageJSON.status(result), body: MessageJSON.sent(result),
                                           createdAt: clock(), requestHash: hash)
                    }, claimingKey: claim ? key : nil)
                    state.metrics.send(outcome: result.message.status)
                    state.metrics.decision(result.report, action: "send")
                    return (MessageJSON.status(result), MessageJSON.sent(result), result.answerSaved)
                } catch let error as SendError {
                    if error.leavesKeyUnused { throw error }
                    state.metrics.send(outcome: error.code)
                    if error.kind == .invalid || error.kind == .notFound { throw error }
                    let api = APIError(error)
                    return (Int(api.status.code), api.body, false)
                }
            }
        }
        route(.get, "/v1/outbox", roles: [.provider], state: state, registry: registry, query: true) { request, context in
            try Self.requireCollector(context)
            let q = try QueryReader(request, allowed: ["all", "limit", "cursor", "from", "to"])
            let page = try q.page()
            let result = try await state.store.outbox(includeAcked: try q.bool("all", default: false), page: page)
            return try .encoded(PageBody(result.map { OutboxItemBody($0, keys: state.keys) }))
        }
        route(.post, "/v1/outbox/claim", roles: [.provider], state: state, registry: registry) { request, context in
            try Self.requireCollector(context)
            let body = try await BodyReader.decode(ClaimRequest.self, request, context: context)
            let limit = body.limit ?? 10
            let lease = body.leaseSeconds ?? 60
            guard (1...1000).contains(limit) else { throw APIError(.badRequest, "invalid_field", "`limit` must be 1 to 1000, not \(limit).") }
            guard (1...3600).contains(lease) else {
                throw APIError(.badRequest, "invalid_field", "`leaseSeconds` must be 1 to 3600 (one hour), not \(lease).")
            }
            let items = try await state.store.claimOutbox(collector: context.caller?.id ?? "", limit: limit,
                                                          lease: TimeInterval(lease), now: state.clock())
            return try .encoded(ClaimedBody(items: items.map { OutboxItemBody($0, keys: state.keys) }))
        }
        route(.post, "/v1/outbox/{id}/ack", roles: [.provider], state: state, registry: registry) { _, context in
            try Self.requireCollector(context)
            let id = try context.parameters.require("id")
            switch try await state.store.acknowledgeOutbox(id: id, collector: context.caller?.id ?? "", at: state.clock()) {
            case .acknowledged:
                return try .encoded(AcknowledgedBody(id: id, acknowledged: true))
            case .alreadyAcknowledged:
                throw APIError(.conflict, "already_acknowledged", "Outbox item `\(id)` was already acknowledged.")
            case .heldByAnother(let until):
                throw APIError(.conflict, "claimed_by_another",
                               "Outbox item `\(id)` is claimed by another collector until \(APITime.string(until)); only it may acknowledge the item before then.")
            case .unknown:
                throw APIError.notFound("outbox_item", id)
            }
        }
        route(.post, "/v1/queues", roles: [.sender], state: state, registry: registry) { request, context in
            let body = try await BodyReader.decode(QueueRequest.self, request, context: context)
            let name = body.name
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw APIError(.badRequest, "invalid_field", "`name` must be letters, digits, `-` or `_`.")
            }
            var number: String?
            if let raw = body.number {
                guard let e164 = PhoneNumber.e164(raw) else { throw APIError(.badRequest, "invalid_field", "`number` `\(raw)` is not a phone number.") }
                number = e164
            }
            let queue = MessageQueue(name: name, number: number, createdAt: state.clock())
            do { try await state.store.insertQueue(queue) } catch {
                throw APIError(.conflict, "queue_exists", "A queue named `\(name)`\(number.map { " or with number \($0)" } ?? "") already exists.")
            }
            return try .encoded(QueueBody(queue), status: .created)
        }
        route(.get, "/v1/queues", roles: [.sender], state: state, registry: registry, query: true) { request, _ in
            let page = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"]).page()
            // A practice has a handful of queues: all are read, then paged by (creation time, name).
            let result = MessageQueue.page(try await state.store.queues(), page)
            return try .encoded(PageBody(result.map(QueueBody.init)))
        }
        route(.get, "/v1/queues/{name}/messages", roles: [.sender], state: state, registry: registry, query: true) { request, context in
            let name = try context.parameters.require("name")
            let page = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"]).page()
            guard try await state.store.queue(name: name) != nil else { throw APIError.notFound("queue", name) }
            let outbound = try await state.store.messages(queue: name, page: page)
            let inbound = try await state.store.inbound(queue: name, page: page)
            return try .encoded(ThreadEntry.page([outbound.map(ThreadEntry.outbound), inbound.map(ThreadEntry.inbound)], limit: page.limit))
        }
        route(.get, "/v1/threads/{recipient}", roles: [.sender], state: state, registry: registry, query: true) { request, context in
            let id = try context.parameters.require("recipient")
            let page = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"]).page()
            guard let r = try await state.store.recipient(id: id) else { throw APIError.notFound("recipient", id) }
            // The patient's texts, and any from their phone not tied to them (a family phone).
            var lists = [try await state.store.messages(recipientId: id, page: page).map(ThreadEntry.outbound),
                         try await state.store.inbound(recipientId: id, page: page).map(ThreadEntry.inbound)]
            if let phone = r.cellPhone { lists.append(try await state.store.inbound(phone: phone, page: page).map(ThreadEntry.inbound)) }
            return try .encoded(ThreadEntry.page(lists, limit: page.limit))
        }
    }
}

extension Router where Context == AppContext {
    /// The outbox is the delivery queue of collectors: a secure notification's live link is in
    /// it until acknowledged, so only `provider` keys read it (not even `admin` keys).
    static func requireCollector(_ context: AppContext) throws {
        guard context.caller?.roles.contains(.provider) == true else {
            throw APIError(.forbidden, "forbidden",
                           "Only collectors (keys with the provider role) read the outbox; follow your texts with GET /v1/threads/{recipient} or the audit trail.",
                           detail: RolesDetail(required: [Role.provider.rawValue]))
        }
    }
}

/// One line of a thread or queue: an outbound or inbound message.
enum ThreadEntry {
    case outbound(OutboundMessage)
    case inbound(InboundMessage)

    var time: Date {
        switch self {
        case .outbound(let m): return m.createdAt
        case .inbound(let m): return m.receivedAt
        }
    }

    var id: String {
        switch self {
        case .outbound(let m): return m.id
        case .inbound(let m): return m.id
        }
    }

    /// One page of a thread merged from pages of its lists, each read with the same page: by
    /// (time, id), oldest first, so at the same instant a patient's text (`in_…`) comes before
    /// the reply (`msg_…`). More follow when the merge overflows or any list has more.
    static func page(_ lists: [PageResult<ThreadEntry>], limit: Int) -> PageBody<ThreadEntryBody> {
        var seen: Set<String> = []
        let merged = lists.flatMap(\.items).filter { seen.insert($0.id).inserted }
            .sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        let items = Array(merged.prefix(limit))
        let more = merged.count > limit || lists.contains { $0.next != nil }
        let next = more ? items.last.map { PageCursor(at: $0.time, id: $0.id) } : nil
        return PageBody(items: items.map(ThreadEntryBody.init), next: next)
    }
}

/// The answer to a send.
enum MessageJSON {
    /// 201, or 202 when the text is queued for the delivery worker (the `http` transport):
    /// accepted, not yet sent.
    static func status(_ r: SendResult) -> Int { r.message.status == "queued" ? 202 : 201 }

    /// `POST /v1/messages`'s 201 body, written by hand: it is the hot path `make bench-service`
    /// measures, and it carries the findings as the stored JSON text instead of decoding them again.
    static func sent(_ r: SendResult) -> String {
        let m = r.message
        let deliveries = r.deliveries.map { "{\"channel\":\(JSON.q($0.channel)),\"id\":\(JSON.q($0.id))}" }
        return "{\"id\":\(JSON.q(m.id)),\"status\":\(JSON.q(m.status)),\"recipient\":\(JSON.q(m.recipientId)),\"kind\":\(JSON.q(m.kind)),\"notify\":\(JSON.strings(m.notify)),\"from\":\(JSON.q(m.fromNumber)),\"queue\":\(JSON.q(m.queue)),\"decision\":\(JSON.q(m.decision)),\"rulesVersion\":\(JSON.q(m.rulesVersion)),\"findings\":\(m.findingsJSON),\"deliveries\":\(JSON.list(deliveries)),\"createdAt\":\(JSON.time(m.createdAt))}"
    }
}
