import Foundation
import Hummingbird
import Messaging
import Rules
import Storage

extension Router where Context == AppContext {
    /// Appointments and their reminders.
    func addAppointmentRoutes(_ state: ServerState, _ registry: RouteRegistry) {
        route(.post, "/v1/appointments", roles: [.sender], state: state, registry: registry) { request, context in
            let body = try await BodyReader.decode(AppointmentRequest.self, request, context: context)
            try Self.refuseControls(["location": body.location, "provider": body.provider])
            let startsAt = try Self.appointmentTime(body.startsAt)
            guard let recipient = try await state.store.recipient(id: body.recipient) else {
                throw APIError(.notFound, "recipient_not_found", "No patient or contact has id `\(body.recipient)`; create it with POST /v1/patients or /v1/contacts.")
            }
            let now = state.clock()
            guard startsAt > now else {
                throw APIError(.unprocessableContent, "invalid_field", "`startsAt` is in the past; give the appointment's start.",
                               detail: FieldDetail(field: "startsAt"))
            }
            let appointment = Appointment(id: Identifier.make("apt"), recipientId: recipient.id, startsAt: startsAt,
                                          location: body.location, provider: body.provider, createdAt: now, updatedAt: now)
            let reminders = Reminders.schedule(appointment, recipient: recipient, settings: state.config.schedule,
                                               practice: state.config.practice, now: now)
            try await state.store.insertAppointment(appointment, reminders: reminders)
            return try await Self.appointmentResponse(appointment, state: state, status: .created)
        }
        route(.get, "/v1/appointments", roles: [.sender], state: state, registry: registry, query: true) { request, _ in
            let q = try QueryReader(request, allowed: ["status", "limit", "cursor", "from", "to"])
            let status = try q.oneOf("status", ["confirmed", "unconfirmed", "flagged"])
            let page = try await state.store.appointments(status: status, page: try q.page())
            var items: [AppointmentResponse] = []
            for a in page.items { items.append(try await Self.appointmentBody(a, state: state)) }
            return try .encoded(PageBody(items: items, next: page.next))
        }
        route(.get, "/v1/appointments/{id}", roles: [.sender], state: state, registry: registry) { _, context in
            let id = try context.parameters.require("id")
            guard let a = try await state.store.appointment(id: id) else { throw APIError.notFound("appointment", id) }
            return try await Self.appointmentResponse(a, state: state)
        }
        route(.patch, "/v1/appointments/{id}", roles: [.sender], state: state, registry: registry) { request, context in
            let id = try context.parameters.require("id")
            let body = try await BodyReader.decode(AppointmentPatch.self, request, context: context)
            try Self.refuseControls(["location": body.location, "provider": body.provider])
            guard var a = try await state.store.appointment(id: id) else { throw APIError.notFound("appointment", id) }
            let now = state.clock()
            var reminders: [ScheduledSend]?
            if let raw = body.startsAt {
                let startsAt = try Self.appointmentTime(raw)
                if startsAt != a.startsAt {
                    guard startsAt > now else {
                        throw APIError(.unprocessableContent, "invalid_field", "`startsAt` is in the past; give the new start.",
                                       detail: FieldDetail(field: "startsAt"))
                    }
                    guard let recipient = try await state.store.recipient(id: a.recipientId) else {
                        throw APIError.notFound("recipient", a.recipientId)
                    }
                    // A moved appointment is confirmed afresh: its new reminders ask again.
                    a.startsAt = startsAt
                    a.status = "unconfirmed"
                    a.note = nil
                    reminders = Reminders.schedule(a, recipient: recipient, settings: state.config.schedule,
                                                   practice: state.config.practice, now: now)
                }
            }
            if let location = body.location { a.location = location }
            if let provider = body.provider { a.provider = provider }
            a.updatedAt = now
            guard try await state.store.updateAppointment(a, reminders: reminders) else { throw APIError.notFound("appointment", id) }
            return try await Self.appointmentResponse(a, state: state)
        }
        route(.delete, "/v1/appointments/{id}", roles: [.sender], state: state, registry: registry) { _, context in
            let id = try context.parameters.require("id")
            guard try await state.store.deleteAppointment(id: id, at: state.clock()) else { throw APIError.notFound("appointment", id) }
            return Response(status: .noContent)
        }
    }

    /// An RFC 3339 `startsAt`.
    /// Refuses a field holding a control character: a reminder shows it to the patient, and a
    /// NUL would be cut where it is stored, as a patient's name would (`RecipientInput`).
    static func refuseControls(_ fields: [String: String?]) throws {
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let problem = ControlCharacters.fieldProblem(value) else { continue }
            throw APIError(.unprocessableContent, "invalid_field", "`\(field)`: \(problem).", detail: FieldDetail(field: field))
        }
    }

    static func appointmentTime(_ raw: String) throws -> Date {
        guard let date = APITime.date(raw) else {
            throw APIError(.badRequest, "invalid_field", "`startsAt` must be an RFC 3339 time such as 2026-01-31T15:30:00-05:00, not `\(raw)`.",
                           detail: FieldDetail(field: "startsAt"))
        }
        return date
    }

    static func appointmentBody(_ a: Appointment, state: ServerState) async throws -> AppointmentResponse {
        let reminders = try await state.store.scheduledSends(parentId: a.id).filter { $0.source == .reminder }
        return AppointmentResponse(
            id: a.id, recipient: a.recipientId, startsAt: a.startsAt, location: a.location, provider: a.provider, status: a.status,
            note: a.note,
            reminders: reminders.map { .init(id: $0.id, dueAt: $0.dueAt, state: $0.state.rawValue, reason: $0.reason, messageId: $0.messageId) },
            createdAt: a.createdAt, updatedAt: a.updatedAt)
    }

    static func appointmentResponse(_ a: Appointment, state: ServerState, status: HTTPResponse.Status = .ok) async throws -> Response {
        try .encoded(try await appointmentBody(a, state: state), status: status)
    }
}
