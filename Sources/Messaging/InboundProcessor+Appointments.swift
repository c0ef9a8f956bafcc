import Foundation
import OptOut
import Storage

extension InboundProcessor {
    /// Applies a reply to the reminder of `appointment`: C, CONFIRM, YES, SÍ confirm it; R,
    /// RESCHEDULE, CAMBIAR flag it for staff; CANCEL, CANCELAR (which also opt out) flag it as
    /// a possible cancellation. Returns the appointment as changed, or nil when nothing changed.
    func answer(_ appointment: Appointment?, with reply: ReminderReply?, review: String?,
                at now: Date) async throws(StorageError) -> Appointment? {
        guard var appointment, let reply else { return nil }
        switch reply.answer {
        case .confirm:
            appointment.status = "confirmed"
            appointment.note = nil
        case .reschedule, .cancel:
            appointment.status = "flagged"
            appointment.note = review ?? "the patient replied \(reply.keyword) to a reminder"
        }
        appointment.updatedAt = now
        guard try await store.setAppointmentStatus(id: appointment.id, status: appointment.status, note: appointment.note,
                                                   at: now) else { return nil }
        return appointment
    }
}
