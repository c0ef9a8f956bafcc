import PostgresNIO

/// The two prepared statements that write a batch of whole sends from its `SendDocument` (`$1`):
/// one completes the sends' idempotency reservations in its last clause, the other claims the
/// keys in its first and writes only the sends whose key it claimed. Both return the keys
/// (caller and key) whose result was saved. Each insert is a data-modifying `WITH` clause
/// reading its rows from the document in order, so an identity column follows it; the
/// statement is atomic, and its foreign keys are checked once all of it has run.
enum SendStatements {
    /// Completes reservations: `$1` the document.
    struct Completing: PostgresPreparedStatement {
        static let name = "textgate_sends_completing"
        static let sql = "WITH doc AS (SELECT $1::jsonb AS j),\n" + inserts(guarded: false) + """

            UPDATE idempotent_responses AS r SET status = k.status, body = k.body,
                created_at = timestamptz 'epoch' + k.created_ms * interval '1 millisecond', state = 'completed', lease_until = NULL
            FROM doc, jsonb_to_recordset(doc.j -> 'keys') AS k(caller text, key text, status integer, body text, created_ms bigint,
                request_hash text)
            WHERE r.caller = k.caller AND r.key = k.key AND r.state = 'pending' AND r.request_hash = k.request_hash
            RETURNING r.caller, r.key
            """
        typealias Row = (String, String)
        let document: String
        func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
        func decodeRow(_ row: PostgresRow) throws -> (String, String) { try row.decode((String, String).self) }
    }

    /// Claims the keys: `$1` the document, every send of which has a key, no two the same.
    /// The keys are inserted in order, so two instances claiming overlapping batches wait for
    /// each other's keys in the same order and never deadlock.
    struct Claiming: PostgresPreparedStatement {
        static let name = "textgate_sends_claiming"
        static let sql = """
            WITH doc AS (SELECT $1::jsonb AS j),
            keys AS (SELECT k.* FROM doc, jsonb_to_recordset(doc.j -> 'keys') AS k(caller text, key text, status integer,
                body text, created_ms bigint, request_hash text, message_id text)),
            claimed AS (
                INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state)
                SELECT caller, key, status, body, timestamptz 'epoch' + created_ms * interval '1 millisecond', request_hash, 'completed'
                FROM keys ORDER BY caller, key
                ON CONFLICT (caller, key) DO NOTHING RETURNING caller, key),
            won AS (SELECT keys.message_id FROM claimed JOIN keys ON keys.caller = claimed.caller AND keys.key = claimed.key),
            """ + inserts(guarded: true) + "\nSELECT caller, key FROM claimed"
        typealias Row = (String, String)
        let document: String
        func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
        func decodeRow(_ row: PostgresRow) throws -> (String, String) { try row.decode((String, String).self) }
    }

    /// The `WITH` clauses that insert the rows of the document `doc` (parsed once); `guarded`,
    /// only the rows of the sends whose message `won` names (their key was claimed).
    static func inserts(guarded: Bool) -> String {
        func when(_ message: String) -> String { guarded ? " WHERE x.\(message) IN (SELECT message_id FROM won)" : "" }
        func time(_ column: String) -> String { "timestamptz 'epoch' + x.\(column) * interval '1 millisecond'" }
        return """
            m AS (INSERT INTO messages (id, recipient_id, kind, notify, body, queue, from_number, status, decision, rules_version, findings_json, caller, created_at)
                SELECT x.id, x.recipient_id, x.kind, x.notify, x.body, x.queue, x.from_number, x.status, x.decision, x.rules_version,
                    x.findings_json, x.caller, \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'messages') AS x(id text, recipient_id text, kind text, notify text[], body text,
                    queue text, from_number text, status text, decision text, rules_version text, findings_json text, caller text,
                    created_ms bigint)\(when("id"))),
            o AS (INSERT INTO outbox (id, message_id, channel, sender, receiver, body, created_at, acked_at, claimed_by, lease_until, sealed_body, paced)
                SELECT x.id, x.message_id, x.channel, x.sender, x.receiver, x.body, \(time("created_ms")), \(time("acked_ms")),
                    x.claimed_by, \(time("lease_until_ms")), x.sealed_body, x.paced
                FROM doc, jsonb_to_recordset(doc.j -> 'outbox') AS x(id text, message_id text, channel text, sender text, receiver text,
                    body text, created_ms bigint, acked_ms bigint, claimed_by text, lease_until_ms bigint, sealed_body text,
                    paced boolean)\(when("message_id"))),
            d AS (INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code, error_message, created_at, updated_at)
                SELECT x.id, x.message_id, x.channel, x.transport, x.body, x.provider_sid, x.status, x.error_code, x.error_message,
                    \(time("created_ms")), \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'deliveries') AS x(id text, message_id text, channel text, transport text, body text,
                    provider_sid text, status text, error_code bigint, error_message text, created_ms bigint)\(when("message_id"))),
            e AS (INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at)
                SELECT x.id, 1, x.status, x.error_code, x.error_message, \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'deliveries') AS x(id text, message_id text, status text, error_code bigint,
                    error_message text, created_ms bigint)\(when("message_id"))),
            a AS (INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at)
                SELECT x.id, x.action, x.recipient_id, x.message_id, x.decision, x.rules_version, x.findings_json, x.caller, \(time("at_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'audit') AS x(id text, action text, recipient_id text, message_id text, decision text,
                    rules_version text, findings_json text, caller text, at_ms bigint)\(when("message_id")))
            """
    }
}
