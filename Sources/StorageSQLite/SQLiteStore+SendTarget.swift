import SQLiteNIO
import Storage

extension SQLiteStore {
    /// The recipient, and its cell phone's latest consent change from `practiceNumber` and its
    /// block, in one statement.
    public func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget? {
        let rows = try await read(
            """
            SELECT r.*, c.id AS c_id, c.phone AS c_phone, c.practice_number AS c_practice_number, c.action AS c_action,
                   c.source AS c_source, c.text AS c_text, c.message_id AS c_message_id, c.actor AS c_actor, c.at AS c_at,
                   EXISTS (SELECT 1 FROM blocked_numbers WHERE number = r.cell_phone) AS blocked
            FROM recipients r LEFT JOIN consent_events c ON c.rowid = (
                SELECT rowid FROM consent_events WHERE phone = r.cell_phone AND practice_number = ?2
                ORDER BY at DESC, rowid DESC LIMIT 1)
            WHERE r.id = ?1
            """,
            [Bind.text(recipientId), Bind.text(practiceNumber)], "read recipient, consent and block")
        guard let row = rows.first else { return nil }
        let recipient = try Self.recipient(row)
        guard recipient.cellPhone != nil else { return SendTarget(recipient: recipient, consent: nil) }
        let latest = try RowReader(row: row, table: "consent_events").optionalString("c_id") == nil
            ? nil : try Self.consentEvent(row, prefix: "c_")
        let blocked = try RowReader(row: row, table: "blocked_numbers").bool("blocked")
        return SendTarget(recipient: recipient, consent: SendConsent(latest: latest, blocked: blocked))
    }
}
