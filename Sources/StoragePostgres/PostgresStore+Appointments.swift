import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds an appointment and its reminders in one transaction.
    public func insertAppointment(_ a: Appointment, reminders: [ScheduledSend]) async throws(StorageError) {
        try await transaction("add appointment \(a.id) (id already stored)") { (tx) async throws(StorageError) -> Void in
            _ = try await tx.query(
                """
                INSERT INTO appointments (id, recipient_id, starts_at, location, provider, status, note, created_at, updated_at)
                VALUES (\(a.id), \(a.recipientId), \(Millisecond.date(a.startsAt)), \(a.location), \(a.provider), \(a.status),
                        \(a.note), \(Millisecond.date(a.createdAt)), \(Millisecond.date(a.updatedAt)))
                """)
            for r in reminders { try await Self.insert(r, tx) }
        }
    }

    /// One appointment.
    public func appointment(id: String) async throws(StorageError) -> Appointment? {
        try await query("SELECT * FROM appointments WHERE id = \(id)", "read appointment").first.map(Self.appointment)
    }

    /// The appointment a reminder message was sent for.
    public func appointment(reminderMessageId: String) async throws(StorageError) -> Appointment? {
        try await query(
            """
            SELECT a.* FROM appointments a JOIN scheduled_sends s ON s.parent_id = a.id
            WHERE s.source = 'reminder' AND s.message_id = \(reminderMessageId) LIMIT 1
            """,
            "find the appointment of a reminder").first.map(Self.appointment)
    }

    /// A page of appointments by start.
    public func appointments(status: String?, page: Page) async throws(StorageError) -> PageResult<Appointment> {
        var filter = PageFilter(page, column: "starts_at")
        if let status { filter.equal("status", status) }
        let rows = try await query(filter.query(table: "appointments"), "list appointments")
        return PageResult(fetched: try rows.map(Self.appointment), limit: page.limit) { PageCursor(at: $0.startsAt, id: $0.id) }
    }

    /// Replaces an appointment; new reminders replace the pending ones.
    public func updateAppointment(_ a: Appointment, reminders: [ScheduledSend]?) async throws(StorageError) -> Bool {
        try await transaction("update appointment \(a.id)") { (tx) async throws(StorageError) -> Bool in
            let changed = try await tx.query(
                """
                UPDATE appointments SET recipient_id = \(a.recipientId), starts_at = \(Millisecond.date(a.startsAt)),
                    location = \(a.location), provider = \(a.provider), status = \(a.status), note = \(a.note),
                    updated_at = \(Millisecond.date(a.updatedAt))
                WHERE id = \(a.id) RETURNING id
                """)
            guard !changed.isEmpty else { return false }
            if let reminders {
                try await Self.skipPendingReminders(of: a.id, reason: "appointment_moved", at: a.updatedAt, tx)
                for r in reminders { try await Self.insert(r, tx) }
            }
            return true
        }
    }

    /// Sets status and note.
    public func setAppointmentStatus(id: String, status: String, note: String?, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            "UPDATE appointments SET status = \(status), note = \(note), updated_at = \(Millisecond.date(at)) WHERE id = \(id) RETURNING id",
            "set the status of appointment \(id)")).isEmpty
    }

    /// Deletes an appointment and skips its pending reminders.
    public func deleteAppointment(id: String, at: Date) async throws(StorageError) -> Bool {
        try await transaction("delete appointment \(id)") { (tx) async throws(StorageError) -> Bool in
            guard !(try await tx.query("DELETE FROM appointments WHERE id = \(id) RETURNING id")).isEmpty else { return false }
            try await Self.skipPendingReminders(of: id, reason: "appointment_deleted", at: at, tx)
            return true
        }
    }

    private static func skipPendingReminders(of id: String, reason: String, at: Date, _ tx: Transaction) async throws(StorageError) {
        _ = try await tx.query(
            """
            UPDATE scheduled_sends SET state = 'skipped', reason = \(reason), claimed_by = NULL, lease_until = NULL,
                updated_at = \(Millisecond.date(at))
            WHERE parent_id = \(id) AND source = 'reminder' AND state = 'pending'
            """)
    }

    static func appointment(_ row: PostgresRow) throws(StorageError) -> Appointment {
        let r = RowReader(row, table: "appointments")
        return Appointment(id: try r.string("id"), recipientId: try r.string("recipient_id"), startsAt: try r.date("starts_at"),
                           location: try r.optionalString("location"), provider: try r.optionalString("provider"),
                           status: try r.string("status"), note: try r.optionalString("note"),
                           createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
