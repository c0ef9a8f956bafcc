import SQLiteNIO
import Storage

extension SQLiteStore {
    /// The recipient, and its cell phone's latest consent change from `practiceNumber` and its
    /// block, in one statement.
    public func sendTarget(recipientId: String, practiceNumber: String) async throws(StorageError) -> SendTarget? {
        let rows = try await read(Self.sendTargetSQL, [Bind.text(recipientId), Bind.text(practiceNumber)],
                                  "read recipient, consent and block")
        guard let row = rows.first else { return nil }
        let recipient = try Self.recipient(row)
        return SendTarget(recipient: recipient, consent: recipient.cellPhone == nil ? nil : try Self.sendConsent(row))
    }

    /// The statement, made once: recipient `?1`, practice number `?2`.
    static let sendTargetSQL = """
        SELECT r.*, \(latestConsentColumns), EXISTS (SELECT 1 FROM blocked_numbers WHERE number = r.cell_phone) AS blocked
        FROM recipients r \(latestConsentJoin(phone: "r.cell_phone"))
        WHERE r.id = ?1
        """
}
