import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds a recipient. - Throws: `StorageError.conflict` for a duplicate id.
    public func insertRecipient(_ recipient: Recipient) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO recipients (id, kind, first_name, last_name, date_of_birth, cell_phone, email, language,
                time_zone, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            Self.fields(recipient), "add recipient \(recipient.id) (id already stored)")
    }

    /// One recipient.
    public func recipient(id: String) async throws(StorageError) -> Recipient? {
        try await read("SELECT * FROM recipients WHERE id = ?", [Bind.text(id)], "read recipient")
            .first.map(Self.recipient)
    }

    /// All recipients (of one kind), oldest first.
    public func recipients(kind: RecipientKind?) async throws(StorageError) -> [Recipient] {
        let rows = if let kind {
            try await query("SELECT * FROM recipients WHERE kind = ? ORDER BY created_at, rowid",
                            [Bind.text(kind.rawValue)], "list recipients")
        } else {
            try await query("SELECT * FROM recipients ORDER BY created_at, rowid", [], "list recipients")
        }
        return try rows.map(Self.recipient)
    }

    /// Recipients whose cell phone is this E.164 number (exact match), oldest first.
    public func recipients(phone: String) async throws(StorageError) -> [Recipient] {
        try await read("SELECT * FROM recipients WHERE cell_phone = ? ORDER BY created_at, rowid",
                       [Bind.text(phone)], "find recipients by phone").map(Self.recipient)
    }

    /// Replaces every field of the recipient with this id; false when it does not exist.
    public func updateRecipient(_ recipient: Recipient) async throws(StorageError) -> Bool {
        var binds = Self.fields(recipient)
        binds.append(binds.removeFirst())  // id goes last, into the WHERE clause
        let rows = try await query(
            """
            UPDATE recipients SET kind = ?, first_name = ?, last_name = ?, date_of_birth = ?, cell_phone = ?,
                email = ?, language = ?, time_zone = ?, created_at = ?, updated_at = ?
            WHERE id = ? RETURNING id
            """,
            binds, "update recipient \(recipient.id)")
        return !rows.isEmpty
    }

    /// Deletes a recipient; false when it does not exist. Messages, inbound texts and audit
    /// records that name it are kept.
    public func deleteRecipient(id: String) async throws(StorageError) -> Bool {
        !(try await query("DELETE FROM recipients WHERE id = ? RETURNING id", [Bind.text(id)], "delete recipient \(id)"))
            .isEmpty
    }

    /// The columns in statement order, id first.
    private static func fields(_ r: Recipient) -> [SQLiteData] {
        [Bind.text(r.id), Bind.text(r.kind.rawValue), Bind.text(r.firstName), Bind.text(r.lastName),
         Bind.text(r.dateOfBirth), Bind.text(r.cellPhone), Bind.text(r.email), Bind.text(r.language),
         Bind.text(r.timeZone), Bind.date(r.createdAt), Bind.date(r.updatedAt)]
    }

    static func recipient(_ row: some StoreRow) throws(StorageError) -> Recipient {
        let r = RowReader(row: row, table: "recipients")
        return Recipient(id: try r.string("id"), kind: try r.enumValue("kind", RecipientKind.self),
                         firstName: try r.optionalString("first_name"), lastName: try r.optionalString("last_name"),
                         dateOfBirth: try r.optionalString("date_of_birth"), cellPhone: try r.optionalString("cell_phone"),
                         email: try r.optionalString("email"), language: try r.optionalString("language"),
                         timeZone: try r.optionalString("time_zone"),
                         createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
