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
        return SendTarget(recipient: recipient, consent: recipient.cellPhone == nil ? nil : try Self.sendConsent(row))
    }
}
