import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Appends a consent change. The ledger is append-only: this file has no UPDATE or DELETE
    /// for it, and triggers in the schema refuse both. Synced to disk before it returns
    /// (`synchronous=FULL`): an opt-out survives power loss.
    /// - Throws: `StorageError.conflict` for a duplicate id.
    public func appendConsent(_ e: ConsentEvent) async throws(StorageError) {
        _ = try await durableQuery(
            """
            INSERT INTO consent_events (id, phone, practice_number, action, source, text, message_id, actor, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Bind.text(e.id), Bind.text(e.phone), Bind.text(e.practiceNumber), Bind.text(e.action), Bind.text(e.source),
             Bind.text(e.text), Bind.text(e.messageId), Bind.text(e.actor), Bind.date(e.at)],
            "append consent event \(e.id) (id already stored)")
    }

    /// Changes for a phone (and, when given, practice number), oldest first.
    public func consentEvents(phone: String, practiceNumber: String?) async throws(StorageError) -> [ConsentEvent] {
        let rows = if let practiceNumber {
            try await read("SELECT * FROM consent_events WHERE phone = ? AND practice_number = ? ORDER BY at, rowid",
                            [Bind.text(phone), Bind.text(practiceNumber)], "read consent events")
        } else {
            try await read("SELECT * FROM consent_events WHERE phone = ? ORDER BY at, rowid",
                            [Bind.text(phone)], "read consent events")
        }
        return try rows.map(Self.consentEvent)
    }

    /// Every change, oldest first.
    public func allConsentEvents() async throws(StorageError) -> [ConsentEvent] {
        try await query("SELECT * FROM consent_events ORDER BY at, rowid", [], "read consent events").map(Self.consentEvent)
    }

    /// Blocks a sender; false when it was already blocked.
    public func blockNumber(_ number: String, at: Date) async throws(StorageError) -> Bool {
        !(try await query(
            "INSERT INTO blocked_numbers (number, blocked_at) VALUES (?, ?) ON CONFLICT (number) DO NOTHING RETURNING number",
            [Bind.text(number), Bind.date(at)], "block \(number)")).isEmpty
    }

    /// Unblocks a sender; false when it was not blocked.
    public func unblockNumber(_ number: String) async throws(StorageError) -> Bool {
        !(try await query("DELETE FROM blocked_numbers WHERE number = ? RETURNING number", [Bind.text(number)],
                          "unblock \(number)")).isEmpty
    }

    /// Whether a sender is blocked.
    public func isBlocked(_ number: String) async throws(StorageError) -> Bool {
        !(try await read("SELECT 1 FROM blocked_numbers WHERE number = ?", [Bind.text(number)], "check blocked")).isEmpty
    }

    /// The latest change for `phone` from `practiceNumber` and its block, in one statement.
    public func sendConsent(phone: String, practiceNumber: String) async throws(StorageError) -> SendConsent {
        let rows = try await read(Self.sendConsentSQL, [Bind.text(phone), Bind.text(practiceNumber)], "read consent and block")
        guard let row = rows.first else { throw .corrupt("read consent and block: no row") }
        return try Self.sendConsent(row)
    }

    /// The statement, made once: phone `?1`, practice number `?2`.
    static let sendConsentSQL = """
        SELECT \(latestConsentColumns), EXISTS (SELECT 1 FROM blocked_numbers WHERE number = ?1) AS blocked
        FROM (SELECT 1) AS one \(latestConsentJoin(phone: "?1"))
        """

    /// Joins as `c` the latest consent change of the number `phone` (an SQL expression) from
    /// practice number `?2`, or a row of nulls.
    static func latestConsentJoin(phone: String) -> String {
        """
        LEFT JOIN consent_events c ON c.rowid = (
            SELECT rowid FROM consent_events WHERE phone = \(phone) AND practice_number = ?2 ORDER BY at DESC, rowid DESC LIMIT 1)
        """
    }

    /// The columns of the latest consent change `c`, named `c_id`, `c_phone`, …, for ``sendConsent(_:)``.
    static let latestConsentColumns = """
        c.id AS c_id, c.phone AS c_phone, c.practice_number AS c_practice_number, c.action AS c_action,
        c.source AS c_source, c.text AS c_text, c.message_id AS c_message_id, c.actor AS c_actor, c.at AS c_at
        """

    /// The reading in a row of ``latestConsentColumns`` (all null when there is no change) and `blocked`.
    static func sendConsent(_ row: some StoreRow) throws(StorageError) -> SendConsent {
        let latest = try RowReader(row: row, table: "consent_events").optionalString("c_id") == nil
            ? nil : try consentEvent(row, prefix: "c_")
        return SendConsent(latest: latest, blocked: try RowReader(row: row, table: "blocked_numbers").bool("blocked"))
    }

    /// Blocked senders, in order blocked.
    public func blockedNumbers() async throws(StorageError) -> [String] {
        try await query("SELECT number FROM blocked_numbers ORDER BY blocked_at, rowid", [], "list blocked numbers")
            .map { (row) throws(StorageError) in try RowReader(row: row, table: "blocked_numbers").string("number") }
    }

    static func consentEvent(_ row: some StoreRow) throws(StorageError) -> ConsentEvent {
        try consentEvent(row, prefix: "")
    }

    /// The consent change in `row`, its columns named with `prefix` (`c_id`, … when joined to a recipient).
    static func consentEvent(_ row: some StoreRow, prefix: String) throws(StorageError) -> ConsentEvent {
        let r = RowReader(row: row, table: "consent_events")
        return ConsentEvent(
            id: try r.string(prefix + "id"), phone: try r.string(prefix + "phone"),
            practiceNumber: try r.string(prefix + "practice_number"), action: try r.string(prefix + "action"),
            source: try r.string(prefix + "source"), text: try r.string(prefix + "text"),
            messageId: try r.optionalString(prefix + "message_id"), actor: try r.string(prefix + "actor"),
            at: try r.date(prefix + "at"))
    }
}
