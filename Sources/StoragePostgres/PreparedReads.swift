import PostgresNIO

/// A read on the path of every send, prepared once per pooled connection (see
/// `PostgresStore.execute`) instead of parsed and planned on every call. Each names its
/// columns: a migration that adds one must not change the result of a statement that running
/// instances have prepared.
protocol PreparedRead {
    /// The statement's name on the server.
    static var name: String { get }
    /// The statement, with text parameters `$1`…
    static var sql: String { get }
}

/// A `PreparedRead` with its parameters, returning its rows as they are.
struct Prepared<Read: PreparedRead>: PostgresPreparedStatement {
    static var name: String { Read.name }
    static var sql: String { Read.sql }
    typealias Row = PostgresRow
    let values: [String]

    init(_ values: String...) { self.values = values }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// The reads a send makes: its idempotency key, its recipient, the number's consent and block.
enum SendPathReads {
    enum CompletedResponse: PreparedRead {
        static let name = "textgate_completed_response"
        static let sql = """
            SELECT caller, key, status, body, created_at, request_hash FROM idempotent_responses
            WHERE caller = $1 AND key = $2 AND state = 'completed'
            """
    }

    enum RecipientByID: PreparedRead {
        static let name = "textgate_recipient_by_id"
        static let sql = """
            SELECT id, kind, first_name, last_name, date_of_birth, cell_phone, email, language, time_zone, created_at, updated_at
            FROM recipients WHERE id = $1
            """
    }

    enum ConsentForNumber: PreparedRead {
        static let name = "textgate_consent_for_number"
        static let sql = """
            SELECT id, phone, practice_number, action, source, text, message_id, actor, at FROM consent_events
            WHERE phone = $1 AND practice_number = $2 ORDER BY at, seq
            """
    }

    /// The latest consent change of a number from a practice number (a row of nulls when there
    /// is none) and whether the number is blocked: one round trip for both.
    enum ConsentAndBlock: PreparedRead {
        static let name = "textgate_consent_and_block"
        static let sql = """
            SELECT \(latestConsentColumns), EXISTS (SELECT 1 FROM blocked_numbers WHERE number = $1) AS blocked
            FROM (SELECT 1) AS one LEFT JOIN (\(latestConsent("$1"))) AS c ON true
            """
    }

    /// The latest consent change of the number `phone` from practice number `number` (SQL expressions).
    static func latestConsent(_ phone: String, from number: String = "$2") -> String {
        """
        SELECT id, phone, practice_number, action, source, text, message_id, actor, at FROM consent_events
        WHERE phone = \(phone) AND practice_number = \(number) ORDER BY at DESC, seq DESC LIMIT 1
        """
    }

    /// The columns of that change as `c`, named `c_id`, `c_phone`, … (`PostgresStore.sendConsent(_:)` reads them).
    static let latestConsentColumns = """
        c.id AS c_id, c.phone AS c_phone, c.practice_number AS c_practice_number, c.action AS c_action,
        c.source AS c_source, c.text AS c_text, c.message_id AS c_message_id, c.actor AS c_actor, c.at AS c_at
        """

    enum Blocked: PreparedRead {
        static let name = "textgate_blocked"
        static let sql = "SELECT 1 FROM blocked_numbers WHERE number = $1"
    }
}
