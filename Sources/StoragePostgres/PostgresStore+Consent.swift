import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Appends a consent change. The ledger is append-only: this file has no UPDATE or DELETE
    /// for it, and a trigger in the schema refuses both. Committed before it returns, so every
    /// instance sees it on its next read.
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func appendConsent(_ e: ConsentEvent) async throws(StorageError) {
        _ = try await query(
            """
            INSERT INTO consent_events (id, phone, practice_number, action, source, text, message_id, actor, at)
            VALUES (\(e.id), \(e.phone), \(e.practiceNumber), \(e.action), \(e.source), \(e.text), \(e.messageId),
                    \(e.actor), \(Millisecond.date(e.at)))
            """,
            "append consent event \(e.id) (id already stored)")
    }

    /// Changes for a phone (and, when given, practice number), oldest first.
    public func consentEvents(phone: String, practiceNumber: String?) async throws(StorageError) -> [ConsentEvent] {
        let rows = if let practiceNumber {
            try await execute(Prepared<SendPathReads.ConsentForNumber>(phone, practiceNumber), "read consent events")
        } else {
            try await query("SELECT * FROM consent_events WHERE phone = \(phone) ORDER BY at, seq", "read consent events")
        }
        return try rows.map(Self.consentEvent)
    }

    /// Every change, oldest first.
    public func allConsentEvents() async throws(StorageError) -> [ConsentEvent] {
        try await query("SELECT * FROM consent_events ORDER BY at, seq", "read consent events").map(Self.consentEvent)
    }

    /// Blocks a sender; false when it was already blocked.
    public func blockNumber(_ number: String, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            """
            INSERT INTO blocked_numbers (number, blocked_at) VALUES (\(number), \(Millisecond.date(at)))
            ON CONFLICT (number) DO NOTHING RETURNING number
            """,
            "block \(number)")).isEmpty
    }

    /// Unblocks a sender; false when it was not blocked.
    public func unblockNumber(_ number: String) async throws(StorageError) -> Bool {
        !(try await query("DELETE FROM blocked_numbers WHERE number = \(number) RETURNING number", "unblock \(number)")).isEmpty
    }

    /// Whether a sender is blocked.
    public func isBlocked(_ number: String) async throws(StorageError) -> Bool {
        !(try await execute(Prepared<SendPathReads.Blocked>(number), "check blocked")).isEmpty
    }

    /// The latest change for `phone` from `practiceNumber` and its block, in one prepared statement.
    public func sendConsent(phone: String, practiceNumber: String) async throws(StorageError) -> SendConsent {
        let rows = try await execute(Prepared<SendPathReads.ConsentAndBlock>(phone, practiceNumber), "read consent and block")
        guard let row = rows.first else { throw .corrupt("read consent and block: no row") }
        return try Self.sendConsent(row)
    }

    /// The reading in a row of `SendPathReads.latestConsentColumns` (all null when there is no
    /// change) and `blocked`.
    static func sendConsent(_ row: PostgresRow) throws(StorageError) -> SendConsent {
        let latest = try RowReader(row, table: "consent_events").optionalString("c_id") == nil
            ? nil : try consentEvent(row, prefix: "c_")
        return SendConsent(latest: latest, blocked: try RowReader(row, table: "blocked_numbers").bool("blocked"))
    }

    /// Blocked senders, in order blocked.
    public func blockedNumbers() async throws(StorageError) -> [String] {
        try await query("SELECT number FROM blocked_numbers ORDER BY blocked_at, seq", "list blocked numbers")
            .map { (row) throws(StorageError) in try RowReader(row, table: "blocked_numbers").string("number") }
    }

    static func consentEvent(_ row: PostgresRow) throws(StorageError) -> ConsentEvent {
        try consentEvent(row, prefix: "")
    }

    /// The consent change in `row`, its columns named with `prefix` (`c_id`, … when joined to a recipient).
    static func consentEvent(_ row: PostgresRow, prefix: String) throws(StorageError) -> ConsentEvent {
        let r = RowReader(row, table: "consent_events")
        return ConsentEvent(
            id: try r.string(prefix + "id"), phone: try r.string(prefix + "phone"),
            practiceNumber: try r.string(prefix + "practice_number"), action: try r.string(prefix + "action"),
            source: try r.string(prefix + "source"), text: try r.string(prefix + "text"),
            messageId: try r.optionalString(prefix + "message_id"), actor: try r.string(prefix + "actor"),
            at: try r.date(prefix + "at"))
    }
}
