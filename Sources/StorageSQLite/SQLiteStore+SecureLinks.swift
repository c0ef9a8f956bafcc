import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds a link.
    public func insertLink(_ l: SecureLink) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO secure_links (id, message_id, recipient_id, token_hash, created_at, expires_at, revoked_at,
                                      failed_pins, failed_identity, locked_at, lock_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Bind.text(l.id), Bind.text(l.messageId), Bind.text(l.recipientId), Bind.text(l.tokenHash), Bind.date(l.createdAt),
             Bind.date(l.expiresAt), Bind.date(l.revokedAt), Bind.int(l.failedPins), Bind.int(l.failedIdentity),
             Bind.date(l.lockedAt), Bind.text(l.lockReason)],
            "add secure link \(l.id)")
    }

    /// The link with this token hash.
    public func link(tokenHash: String) async throws(StorageError) -> SecureLink? {
        try await query("SELECT * FROM secure_links WHERE token_hash = ?", [Bind.text(tokenHash)], "find secure link")
            .first.map(Self.secureLink)
    }

    /// Links of a message, newest first.
    public func links(messageId: String) async throws(StorageError) -> [SecureLink] {
        try await query("SELECT * FROM secure_links WHERE message_id = ? ORDER BY created_at DESC, rowid DESC",
                        [Bind.text(messageId)], "list secure links of \(messageId)").map(Self.secureLink)
    }

    /// Revokes every live link of a message.
    public func revokeLinks(messageId: String, at: Date) async throws(StorageError) {
        _ = try await query("UPDATE secure_links SET revoked_at = ? WHERE message_id = ? AND revoked_at IS NULL",
                            [Bind.date(at), Bind.text(messageId)], "revoke secure links of \(messageId)")
    }

    /// One atomic statement: the count rises only while the link is unlocked, and the update that
    /// reaches the limit also locks it, so concurrent requests can never get a fourth try.
    public func recordFailure(linkId: String, kind: String, limit: Int, at: Date) async throws(StorageError) -> Int? {
        let column = kind == "pin" ? "failed_pins" : "failed_identity"
        let rows = try await query(
            """
            UPDATE secure_links
               SET \(column) = \(column) + 1,
                   locked_at = CASE WHEN \(column) + 1 >= ? THEN ? ELSE locked_at END,
                   lock_reason = CASE WHEN \(column) + 1 >= ? THEN ? ELSE lock_reason END
             WHERE id = ? AND locked_at IS NULL
            RETURNING \(column) AS count
            """,
            [Bind.int(limit), Bind.date(at), Bind.int(limit), Bind.text(kind), Bind.text(linkId)],
            "record a failed \(kind) on \(linkId)")
        guard let row = rows.first else { return nil }
        return try RowReader(row: row, table: "secure_links").int("count")
    }

    /// Clears the PIN failure count if the link is still unlocked; false when it is locked.
    public func clearPinFailures(linkId: String) async throws(StorageError) -> Bool {
        !(try await query("UPDATE secure_links SET failed_pins = 0 WHERE id = ? AND locked_at IS NULL AND revoked_at IS NULL RETURNING id",
                          [Bind.text(linkId)], "clear PIN failures of \(linkId)")).isEmpty
    }

    /// Sets or replaces a PIN.
    public func setPIN(_ p: StoredPIN) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO patient_pins (recipient_id, hash, salt, set_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (recipient_id) DO UPDATE SET hash = excluded.hash, salt = excluded.salt, set_at = excluded.set_at
            """,
            [Bind.text(p.recipientId), Bind.text(p.hash), Bind.text(p.salt), Bind.date(p.setAt)], "set the PIN of \(p.recipientId)")
    }

    /// A patient's PIN.
    public func pin(recipientId: String) async throws(StorageError) -> StoredPIN? {
        guard let row = try await query("SELECT * FROM patient_pins WHERE recipient_id = ?", [Bind.text(recipientId)],
                                        "read the PIN of \(recipientId)").first else { return nil }
        let r = RowReader(row: row, table: "patient_pins")
        return StoredPIN(recipientId: try r.string("recipient_id"), hash: try r.string("hash"), salt: try r.string("salt"),
                         setAt: try r.date("set_at"))
    }

    /// Adds a session.
    public func insertSession(_ s: PatientSession) async throws(StorageError) {
        _ = try await query("INSERT INTO patient_sessions (hash, link_id, expires_at) VALUES (?, ?, ?)",
                            [Bind.text(s.hash), Bind.text(s.linkId), Bind.date(s.expiresAt)], "add a patient session")
    }

    /// A live session.
    public func session(hash: String, now: Date) async throws(StorageError) -> PatientSession? {
        guard let row = try await query("SELECT * FROM patient_sessions WHERE hash = ? AND expires_at > ?",
                                        [Bind.text(hash), Bind.date(now)], "find a patient session").first else { return nil }
        let r = RowReader(row: row, table: "patient_sessions")
        return PatientSession(hash: try r.string("hash"), linkId: try r.string("link_id"), expiresAt: try r.date("expires_at"))
    }

    /// Ends a session.
    public func deleteSession(hash: String) async throws(StorageError) {
        _ = try await query("DELETE FROM patient_sessions WHERE hash = ?", [Bind.text(hash)], "end a patient session")
    }

    static func secureLink(_ row: some StoreRow) throws(StorageError) -> SecureLink {
        let r = RowReader(row: row, table: "secure_links")
        return SecureLink(id: try r.string("id"), messageId: try r.string("message_id"), recipientId: try r.string("recipient_id"),
                          tokenHash: try r.string("token_hash"), createdAt: try r.date("created_at"), expiresAt: try r.date("expires_at"),
                          revokedAt: try r.optionalDate("revoked_at"), failedPins: try r.int("failed_pins"),
                          failedIdentity: try r.int("failed_identity"), lockedAt: try r.optionalDate("locked_at"),
                          lockReason: try r.optionalString("lock_reason"))
    }
}
