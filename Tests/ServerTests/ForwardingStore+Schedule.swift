import Foundation
import Storage

/// Forwarding for broadcasts, appointments and scheduled sends.
extension ForwardingStore {
    func claimDueSends(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [ScheduledSend] {
        try await base.claimDueSends(worker: worker, limit: limit, lease: lease, now: now)
    }
    func finishSend(id: String, state: SendState, reason: String?, messageId: String?, at: Date) async throws(StorageError) -> Bool {
        try await base.finishSend(id: id, state: state, reason: reason, messageId: messageId, at: at)
    }
    func deferSend(id: String, until dueAt: Date, at: Date) async throws(StorageError) -> Bool {
        try await base.deferSend(id: id, until: dueAt, at: at)
    }
    func scheduledSend(id: String) async throws(StorageError) -> ScheduledSend? { try await base.scheduledSend(id: id) }
    func scheduledSends(parentId: String) async throws(StorageError) -> [ScheduledSend] { try await base.scheduledSends(parentId: parentId) }
    func outboxItems(messageId: String) async throws(StorageError) -> [OutboxItem] { try await base.outboxItems(messageId: messageId) }
    func insertBroadcast(_ b: Broadcast, recipientIds: [String]) async throws(StorageError) {
        try await base.insertBroadcast(b, recipientIds: recipientIds)
    }
    func broadcast(id: String) async throws(StorageError) -> Broadcast? { try await base.broadcast(id: id) }
    func broadcastCounts(id: String) async throws(StorageError) -> [SendState: Int] { try await base.broadcastCounts(id: id) }
    func broadcastSends(id: String, state: SendState?, page: Page) async throws(StorageError) -> PageResult<ScheduledSend> {
        try await base.broadcastSends(id: id, state: state, page: page)
    }
    func cancelBroadcast(id: String, at: Date) async throws(StorageError) -> Bool { try await base.cancelBroadcast(id: id, at: at) }
    func insertAppointment(_ a: Appointment, reminders: [ScheduledSend]) async throws(StorageError) {
        try await base.insertAppointment(a, reminders: reminders)
    }
    func appointment(id: String) async throws(StorageError) -> Appointment? { try await base.appointment(id: id) }
    func appointment(reminderMessageId: String) async throws(StorageError) -> Appointment? {
        try await base.appointment(reminderMessageId: reminderMessageId)
    }
    func appointments(status: String?, page: Page) async throws(StorageError) -> PageResult<Appointment> {
        try await base.appointments(status: status, page: page)
    }
    func updateAppointment(_ a: Appointment, reminders: [ScheduledSend]?) async throws(StorageError) -> Bool {
        try await base.updateAppointment(a, reminders: reminders)
    }
    func setAppointmentStatus(id: String, status: String, note: String?, at: Date) async throws(StorageError) -> Bool {
        try await base.setAppointmentStatus(id: id, status: status, note: note, at: at)
    }
    func deleteAppointment(id: String, at: Date) async throws(StorageError) -> Bool { try await base.deleteAppointment(id: id, at: at) }
}
