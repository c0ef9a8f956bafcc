import Foundation
import Hummingbird
import Messaging
import Reporting
import Storage

extension Router where Context == AppContext {
    /// Broadcasts: create (202), read with counts and skipped recipients, cancel.
    func addBroadcastRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/broadcasts", roles: [.sender], state: state, registry: registry) { request, context in
            let body = try await BodyReader.decode(BroadcastRequest.self, request, context: context)
            let caller = context.caller?.id ?? ""
            var scheduledAt: Date?
            if let raw = body.scheduledAt {
                guard let date = APITime.date(raw) else {
                    throw APIError(.badRequest, "invalid_field", "`scheduledAt` must be an RFC 3339 time such as 2026-01-31T09:00:00Z, not `\(raw)`.",
                                   detail: FieldDetail(field: "scheduledAt"))
                }
                scheduledAt = date
            }
            let templates: [String: String]
            switch body.template {
            case .single(let text): templates = [state.config.practice.language.rawValue: text]
            case .languages(let map): templates = map
            }
            let recipients: BroadcastDraft.Recipients
            switch body.recipients {
            case .ids(let ids): recipients = .ids(ids)
            case .allPatients: recipients = .allPatients
            }
            let draft = BroadcastDraft(templates: templates, recipients: recipients, queue: body.queue, notify: body.notify ?? ["sms"], kind: body.kind ?? "sms",
                                       scheduledAt: scheduledAt, caller: caller)
            return try await Idempotent.run(state, caller: caller, key: body.idempotencyKey, hash: try body.requestHash()) {
                let created = try await Broadcasts.create(draft, store: state.store, ruleset: state.rules.ruleset,
                                                          practice: state.config.practice, limits: state.limits, now: state.clock())
                let b = created.broadcast
                let templates = created.lints.map {
                    BroadcastCreatedBody.TemplateCheck(language: $0.language, decision: $0.report.decision.rawValue,
                                                       findings: $0.report.findings.map(FindingRecord.init))
                }
                return (202, try JSONBody.text(BroadcastCreatedBody(
                    id: b.id, status: Broadcasts.status(b, counts: [.pending: created.recipients], now: state.clock()),
                    recipients: created.recipients, scheduledAt: b.scheduledAt, templates: templates)))
            }
        }
        route(.get, "/v1/broadcasts/{id}", roles: [.sender], state: state, registry: registry, query: true) { request, context in
            let id = try context.parameters.require("id")
            let q = try QueryReader(request, allowed: ["limit", "cursor", "from", "to"])
            let page = try q.page()
            guard let b = try await state.store.broadcast(id: id) else { throw APIError.notFound("broadcast", id) }
            return try await Self.broadcastResponse(b, state: state, page: page)
        }
        route(.post, "/v1/broadcasts/{id}/cancel", roles: [.sender], state: state, registry: registry) { _, context in
            let id = try context.parameters.require("id")
            guard let b = try await state.store.broadcast(id: id) else { throw APIError.notFound("broadcast", id) }
            if b.cancelledAt != nil {
                throw APIError(.conflict, "already_cancelled", "Broadcast `\(id)` was already cancelled.")
            }
            let counts = try await state.store.broadcastCounts(id: id)
            guard counts[.pending, default: 0] > 0 else {
                throw APIError(.conflict, "broadcast_finished", "Broadcast `\(id)` has no recipient left to send to; there is nothing to cancel.")
            }
            _ = try await state.store.cancelBroadcast(id: id, at: state.clock())
            guard let cancelled = try await state.store.broadcast(id: id) else { throw APIError.notFound("broadcast", id) }
            return try await Self.broadcastResponse(cancelled, state: state, page: Page())
        }
    }

    /// A broadcast with its counts and a page of its skipped recipients.
    static func broadcastResponse(_ b: Broadcast, state: ServerState, page: Page) async throws -> Response {
        let counts = try await state.store.broadcastCounts(id: b.id)
        let skipped = try await state.store.broadcastSends(id: b.id, state: .skipped, page: page)
        let body = BroadcastResponse(
            id: b.id, status: Broadcasts.status(b, counts: counts, now: state.clock()), kind: b.kind, notify: b.notify,
            queue: b.queue, languages: b.templates.keys.sorted(), scheduledAt: b.scheduledAt, createdAt: b.createdAt,
            cancelledAt: b.cancelledAt,
            counts: .init(sent: counts[.sent, default: 0], skipped: counts[.skipped, default: 0], failed: counts[.failed, default: 0],
                          pending: counts[.pending, default: 0]),
            skipped: .init(items: skipped.items.map { .init(recipient: $0.recipientId, reason: $0.reason ?? "", at: $0.updatedAt) },
                           next: skipped.next))
        return try .encoded(body)
    }
}

/// Running a request once per idempotency key, as `POST /v1/messages` does: the key is reserved
/// in the store, or claimed with what the request writes (so two instances run it once), the
/// first answer is kept and replayed, and a refusal before anything was done leaves the key free
/// for a corrected retry.
///
/// `unit` names what one key stands for in the error messages (`request`, `message`), and
/// `undone` what did not happen on a reused key (`done`, `sent`).
enum Idempotent {
    static func run(_ state: ServerState, caller: String, key: String, hash: String,
                    unit: String = "request", undone: String = "done",
                    _ body: () async throws -> (status: Int, json: String)) async throws -> Response {
        try await runSaving(state, caller: caller, key: key, hash: hash, unit: unit, undone: undone) {
            let answer = try await body()
            return (answer.status, answer.json, false)
        }
    }

    /// ``run(_:caller:key:hash:unit:undone:_:)`` for a `body` that may save its answer for the
    /// key itself, in the transaction of what it did (`saved`); otherwise it is saved after.
    ///
    /// With `claim`, the key is neither reserved nor looked up first: `body` writes what it does
    /// only if the key was never used, claiming it in the same transaction
    /// (`SendPipeline.send(_:answer:claimingKey:)`), and throws `SendError.idempotencyKeyTaken`
    /// otherwise, as it does when it refuses a request whose key has an answer. One durable write
    /// and one read fewer per new request: a replay, or a concurrent duplicate, finds the first
    /// answer only when its own run comes to the key (or is refused), and gets that answer, or
    /// 409 while the first is still running.
    static func runSaving(_ state: ServerState, caller: String, key: String, hash: String,
                          unit: String = "request", undone: String = "done", claim: Bool = false,
                          _ body: () async throws -> (status: Int, json: String, saved: Bool)) async throws -> Response {
        guard !key.isEmpty else {
            throw APIError(.badRequest, "invalid_field", "`idempotencyKey` is empty; send a unique key per \(unit), such as a UUID.")
        }
        if claim {
            let result: (status: Int, json: String, saved: Bool)
            do {
                result = try await body()
            } catch let error as SendError where error == .idempotencyKeyTaken {
                return try await taken(state, caller: caller, key: key, hash: hash, unit: unit, undone: undone)
            } catch let error as SendError {
                throw APIError(error)
            }
            if !result.saved {
                let saved = try await state.store.saveIdempotentResponse(IdempotentResponse(
                    caller: caller, key: key, status: result.status, body: result.json, createdAt: state.clock(), requestHash: hash))
                guard saved else { return try await taken(state, caller: caller, key: key, hash: hash, unit: unit, undone: undone) }
            }
            return .json(result.json, status: .init(code: result.status))
        }
        let reservation = try await state.store.reserveIdempotency(caller: caller, key: key, requestHash: hash, at: state.clock())
        guard reservation == .reserved else { return try answer(reservation, key: key, unit: unit, undone: undone) }
        let answer: (status: Int, json: String, saved: Bool)
        do {
            answer = try await body()
        } catch let error as SendError {
            _ = try await state.store.releaseIdempotency(caller: caller, key: key)
            throw APIError(error)
        } catch {
            _ = try await state.store.releaseIdempotency(caller: caller, key: key)
            throw error
        }
        if !answer.saved {
            _ = try await state.store.completeIdempotency(IdempotentResponse(caller: caller, key: key, status: answer.status,
                                                                              body: answer.json, createdAt: state.clock(), requestHash: hash))
        }
        return .json(answer.json, status: .init(code: answer.status))
    }

    /// The answer for a key another request claimed first: its answer once finished, else 409.
    private static func taken(_ state: ServerState, caller: String, key: String, hash: String,
                              unit: String, undone: String) async throws -> Response {
        guard let first = try await state.store.idempotentResponse(caller: caller, key: key) else {
            return try answer(.inFlight, key: key, unit: unit, undone: undone)
        }
        return try answer(.existing(first, pending: false, requestHash: hash), key: key, unit: unit, undone: undone)
    }

    /// The answer for a key that is taken: the first answer replayed, or why the request did not run.
    private static func answer(_ found: IdempotencyReservation, key: String, unit: String, undone: String) throws -> Response {
        switch found {
        case .completed(let first):
            return .json(first.body, status: .init(code: first.status), headers: [.init("Idempotent-Replayed")!: "true"])
        case .inFlight, .reserved:
            throw APIError(.conflict, "idempotency_key_in_use", "A request with this idempotencyKey is still being processed; retry shortly.")
        case .mismatch(let first):
            throw APIError(.unprocessableContent, "idempotency_key_reused",
                           "This idempotencyKey was already used for a different request\(first.map { " (answered \($0.status))" } ?? ""); nothing was \(undone). Use a new key for a new \(unit).",
                           detail: IdempotencyKeyDetail(idempotencyKey: key))
        }
    }
}
