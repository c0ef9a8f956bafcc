import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds an appointment and its reminders in one transaction.
    public func insertAppointment(_ a: Appointment, reminders: [ScheduledSend]) async throws(StorageError) {
        try await transaction("add appointment \(a.id) (id already stored)") { (tx) async throws(StorageError) -> Void in
            _ = try await tx.query(
                """
                INSERT INTO appointments (id, recipient_id, starts_at, location, provider, status, note, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [Bind.text(a.id), Bind.text(a.recipientId), Bind.date(a.startsAt), Bind.text(a.location), Bind.text(a.provider),
                 Bind.text(a.status), Bind.text(a.note), Bind.date(a.createdAt), Bind.date(a.updatedAt)])
            for r in reminders { try await Self.insert(r, tx) }
        }
    }

    /// One appointment.
    public func appointment(id: String) async throws(StorageError) -> Appointment? {
        try await query("SELECT * FROM appointments WHERE id = ?", [Bind.text(id)], "read appointment").first.map(Self.appointment)
    }

    /// The appointment a reminder message was sent for.
    public func appointment(reminderMessageId: String) async throws(StorageError) -> Appointment? {
        try await read(
            """
            SELECT a.* FROM appointments a JOIN scheduled_sends s ON s.parent_id = a.id
            WHERE s.source = 'reminder' AND s.message_id = ? LIMIT 1
            """,
            [Bind.text(reminderMessageId)], "find the appointment of a reminder").first.map(Self.appointment)
    }

    /// A page of appointments by start.
    public func appointments(status: String?, page: Page) async throws(StorageError) -> PageResult<Appointment> {
        var conditions: [String] = [], binds: [SQLiteData] = []
        if let status { conditions.append("status = ?"); binds.append(Bind.text(status)) }
        Self.pageConditions(page, column: "starts_at", into: &conditions, &binds)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(Bind.int(page.limit + 1))
        let rows = try await query("SELECT * FROM appointments \(whereClause) ORDER BY starts_at, id LIMIT ?", binds, "list appointments")
        return PageResult(fetched: try rows.map(Self.appointment), limit: page.limit) { PageCursor(at: $0.startsAt, id: $0.id) }
    }

    /// Replaces an appointment; new reminders replace the pending ones.
    public func updateAppointment(_ a: Appointment, reminders: [ScheduledSend]?) async throws(StorageError) -> Bool {
        try await transaction("update appointment \(a.id)") { (tx) async throws(StorageError) -> Bool in
            let changed = try await tx.query(
                """
                UPDATE appointments SET recipient_id = ?, starts_at = ?, location = ?, provider = ?, status = ?, note = ?,
                    updated_at = ? WHERE id = ? RETURNING id
                """,
                [Bind.text(a.recipientId), Bind.date(a.startsAt), Bind.text(a.location), Bind.text(a.provider),
                 Bind.text(a.status), Bind.text(a.note), Bind.date(a.updatedAt), Bind.text(a.id)])
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
        !(try await query("UPDATE appointments SET status = ?, note = ?, updated_at = ? WHERE id = ? RETURNING id",
                          [Bind.text(status), Bind.text(note), Bind.date(at), Bind.text(id)],
                          "set the status of appointment \(id)")).isEmpty
    }

    /// Deletes an appointment and skips its pending reminders.
    public func deleteAppointment(id: String, at: Date) async throws(StorageError) -> Bool {
        try await transaction("delete appointment \(id)") { (tx) async throws(StorageError) -> Bool in
            guard !(try await tx.query("DELETE FROM appointments WHERE id = ? RETURNING id", [Bind.text(id)])).isEmpty else {
                return false
            }
            try await Self.skipPendingReminders(of: id, reason: "appointment_deleted", at: at, tx)
            return true
        }
    }

    private static func skipPendingReminders(of id: String, reason: String, at: Date, _ tx: Transaction) async throws(StorageError) {
        _ = try await tx.query(
            """
            UPDATE scheduled_sends SET state = 'skipped', reason = ?, claimed_by = NULL, lease_until = NULL, updated_at = ?
            WHERE parent_id = ? AND source = 'reminder' AND state = 'pending'
            """,
            [Bind.text(reason), Bind.date(at), Bind.text(id)])
    }

    static func appointment(_ row: some StoreRow) throws(StorageError) -> Appointment {
        let r = RowReader(row: row, table: "appointments")
        return Appointment(id: try r.string("id"), recipientId: try r.string("recipient_id"), startsAt: try r.date("starts_at"),
                           location: try r.optionalString("location"), provider: try r.optionalString("provider"),
                           status: try r.string("status"), note: try r.optionalString("note"),
                           createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
