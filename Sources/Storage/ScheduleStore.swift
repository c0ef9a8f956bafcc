import Foundation

/// The scheduler's work list: texts due at a time, claimed by one worker at a time (on
/// PostgreSQL, across instances) and finished once.
public protocol ScheduledSendStore: Sendable {
    /// Claims up to `limit` pending sends due at `now` that no worker holds, for `lease` seconds,
    /// counting the attempt. Concurrent claims (from any instance) never get the same send.
    func claimDueSends(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws(StorageError) -> [ScheduledSend]
    /// Records a pending send's outcome, synced to disk before it returns; false when it was not
    /// pending (its outcome is kept).
    func finishSend(id: String, state: SendState, reason: String?, messageId: String?, at: Date) async throws(StorageError) -> Bool
    /// Moves a pending send to `dueAt` and releases its claim (held in quiet hours); false when not pending.
    func deferSend(id: String, until dueAt: Date, at: Date) async throws(StorageError) -> Bool
    /// One send.
    func scheduledSend(id: String) async throws(StorageError) -> ScheduledSend?
    /// The sends of a broadcast or an appointment, in creation order.
    func scheduledSends(parentId: String) async throws(StorageError) -> [ScheduledSend]
    /// The outbox items that deliver a message (to tell a send that was handed over before a crash).
    func outboxItems(messageId: String) async throws(StorageError) -> [OutboxItem]
}

/// Broadcasts and their recipients.
public protocol BroadcastStore: Sendable {
    /// Adds a broadcast and one pending send per recipient (duplicates dropped), due at its
    /// `scheduledAt`, in one transaction synced to disk.
    /// - Throws: `StorageError.conflict` for a duplicate id.
    func insertBroadcast(_ broadcast: Broadcast, recipientIds: [String]) async throws(StorageError)
    /// One broadcast.
    func broadcast(id: String) async throws(StorageError) -> Broadcast?
    /// How many of its sends are in each state (states with none are absent).
    func broadcastCounts(id: String) async throws(StorageError) -> [SendState: Int]
    /// A page of its sends (in one state, when given), ordered by (creation time, id).
    func broadcastSends(id: String, state: SendState?, page: Page) async throws(StorageError) -> PageResult<ScheduledSend>
    /// Cancels a broadcast: its pending sends are skipped (`broadcast_cancelled`), in one
    /// transaction synced to disk; false when unknown or already cancelled.
    func cancelBroadcast(id: String, at: Date) async throws(StorageError) -> Bool
}

/// Appointments and their reminders.
public protocol AppointmentStore: Sendable {
    /// Adds an appointment and its reminders in one transaction.
    /// - Throws: `StorageError.conflict` for a duplicate id.
    func insertAppointment(_ appointment: Appointment, reminders: [ScheduledSend]) async throws(StorageError)
    /// One appointment.
    func appointment(id: String) async throws(StorageError) -> Appointment?
    /// The appointment a reminder message was sent for.
    func appointment(reminderMessageId: String) async throws(StorageError) -> Appointment?
    /// A page of appointments (in one status, when given) ordered by (start, id); `from`/`to` bound the start.
    func appointments(status: String?, page: Page) async throws(StorageError) -> PageResult<Appointment>
    /// Replaces an appointment's fields; with `reminders`, its pending reminders are skipped
    /// (`appointment_moved`) and these added, in one transaction. False when it does not exist.
    func updateAppointment(_ appointment: Appointment, reminders: [ScheduledSend]?) async throws(StorageError) -> Bool
    /// Sets an appointment's status and note; false when it does not exist.
    func setAppointmentStatus(id: String, status: String, note: String?, at: Date) async throws(StorageError) -> Bool
    /// Deletes an appointment; its pending reminders are skipped (`appointment_deleted`). False when it does not exist.
    func deleteAppointment(id: String, at: Date) async throws(StorageError) -> Bool
}
