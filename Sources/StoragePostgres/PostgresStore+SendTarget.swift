import PostgresNIO
import Storage

extension PostgresStore {
    /// The recipient, and its cell phone's latest consent change from `practiceNumber` and its
    /// block, in one prepared statement: one round trip where a send made three.
    public func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget? {
        let rows = try await execute(Prepared<SendPathReads.RecipientConsentAndBlock>(recipientId, practiceNumber),
                                     "read recipient, consent and block")
        guard let row = rows.first else { return nil }
        let recipient = try Self.recipient(row)
        guard recipient.cellPhone != nil else { return SendTarget(recipient: recipient, consent: nil) }
        let latest = try RowReader(row, table: "consent_events").optionalString("c_id") == nil
            ? nil : try Self.consentEvent(row, prefix: "c_")
        let blocked = try RowReader(row, table: "blocked_numbers").bool("blocked")
        return SendTarget(recipient: recipient, consent: SendConsent(latest: latest, blocked: blocked))
    }
}
