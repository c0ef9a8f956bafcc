import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Adds a recipient. - Throws: `StorageError.conflict` for a duplicate id.
    public func insertRecipient(_ r: Recipient) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO recipients (id, kind, first_name, last_name, date_of_birth, cell_phone, email, language,
                time_zone, created_at, updated_at)
            VALUES (\(r.id), \(r.kind.rawValue), \(r.firstName), \(r.lastName), \(r.dateOfBirth), \(r.cellPhone),
                    \(r.email), \(r.language), \(r.timeZone), \(Millisecond.date(r.createdAt)), \(Millisecond.date(r.updatedAt)))
            """,
            "add recipient \(r.id) (id already stored)")
    }

    /// One recipient.
    public func recipient(id: String) async throws(StorageError) -> Recipient? {
        try await execute(Prepared<SendPathReads.RecipientByID>(id), "read recipient").first.map(Self.recipient)
    }

    /// All recipients (of one kind), oldest first.
    public func recipients(kind: RecipientKind?) async throws(StorageError) -> [Recipient] {
        let rows = if let kind {
            try await query("SELECT * FROM recipients WHERE kind = \(kind.rawValue) ORDER BY created_at, seq", "list recipients")
        } else {
            try await query("SELECT * FROM recipients ORDER BY created_at, seq", "list recipients")
        }
        return try rows.map(Self.recipient)
    }

    /// Recipients whose cell phone is this E.164 number (exact match), oldest first.
    public func recipients(phone: String) async throws(StorageError) -> [Recipient] {
        try await query("SELECT * FROM recipients WHERE cell_phone = \(phone) ORDER BY created_at, seq",
                        "find recipients by phone").map(Self.recipient)
    }

    /// Replaces every field of the recipient with this id; false when it does not exist.
    public func updateRecipient(_ r: Recipient) async throws(StorageError) -> Bool {
        !(try await query(
            """
            UPDATE recipients SET kind = \(r.kind.rawValue), first_name = \(r.firstName), last_name = \(r.lastName),
                date_of_birth = \(r.dateOfBirth), cell_phone = \(r.cellPhone), email = \(r.email),
                language = \(r.language), time_zone = \(r.timeZone),
                created_at = \(Millisecond.date(r.createdAt)), updated_at = \(Millisecond.date(r.updatedAt))
            WHERE id = \(r.id) RETURNING id
            """,
            "update recipient \(r.id)")).isEmpty
    }

    /// Deletes a recipient; false when it does not exist. Messages, inbound texts and audit
    /// records that name it are kept.
    public func deleteRecipient(id: String) async throws(StorageError) -> Bool {
        !(try await query("DELETE FROM recipients WHERE id = \(id) RETURNING id", "delete recipient \(id)")).isEmpty
    }

    static func recipient(_ row: PostgresRow) throws(StorageError) -> Recipient {
        let r = RowReader(row, table: "recipients")
        return Recipient(id: try r.string("id"), kind: try r.enumValue("kind", RecipientKind.self),
                         firstName: try r.optionalString("first_name"), lastName: try r.optionalString("last_name"),
                         dateOfBirth: try r.optionalString("date_of_birth"), cellPhone: try r.optionalString("cell_phone"),
                         email: try r.optionalString("email"), language: try r.optionalString("language"),
                         timeZone: try r.optionalString("time_zone"),
                         createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
    }
}
