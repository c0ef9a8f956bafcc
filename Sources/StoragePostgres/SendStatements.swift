import PostgresNIO

/// The two prepared statements that write a whole send from its `SendDocument` (`$1`): one
/// completes the send's idempotency reservation in its last clause, the other claims the key in
/// its first and writes the send's rows only if it did. Both return the key when its result was
/// saved. Each insert is a data-modifying `WITH` clause reading its rows from the document in
/// order, so an identity column follows it; the statement is atomic, and its foreign keys are
/// checked once all of it has run.
enum SendStatements {
    /// Completes a reservation: `$1` the document.
    struct Completing: PostgresPreparedStatement {
        static let name = "textgate_send_completing"
        static let sql = "WITH doc AS (SELECT $1::jsonb AS j),\n" + inserts(guarded: false) + """

            UPDATE idempotent_responses AS r SET status = k.status, body = k.body,
                created_at = timestamptz 'epoch' + k.created_ms * interval '1 millisecond', state = 'completed', lease_until = NULL
            FROM doc, jsonb_to_record(doc.j -> 'key') AS k(caller text, key text, status integer, body text, created_ms bigint, request_hash text)
            WHERE r.caller = k.caller AND r.key = k.key AND r.state = 'pending' AND r.request_hash = k.request_hash
            RETURNING r.key
            """
        typealias Row = String
        let document: String
        func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
        func decodeRow(_ row: PostgresRow) throws -> String { try row.decode(String.self) }
    }

    /// Claims the key: `$1` the document, whose `key` is required.
    struct Claiming: PostgresPreparedStatement {
        static let name = "textgate_send_claiming"
        static let sql = """
            WITH doc AS (SELECT $1::jsonb AS j),
            claimed AS (
                INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state)
                SELECT k.caller, k.key, k.status, k.body, timestamptz 'epoch' + k.created_ms * interval '1 millisecond', k.request_hash, 'completed'
                FROM doc, jsonb_to_record(doc.j -> 'key') AS k(caller text, key text, status integer, body text, created_ms bigint, request_hash text)
                ON CONFLICT (caller, key) DO NOTHING RETURNING key),
            """ + inserts(guarded: true) + "\nSELECT key FROM claimed"
        typealias Row = String
        let document: String
        func makeBindings() throws -> PostgresBindings { var b = PostgresBindings(); b.append(document); return b }
        func decodeRow(_ row: PostgresRow) throws -> String { try row.decode(String.self) }
    }

    /// The `WITH` clauses that insert the rows of the document `doc` (parsed once); `guarded`,
    /// only once `claimed` holds a row.
    static func inserts(guarded: Bool) -> String {
        let when = guarded ? " WHERE EXISTS (SELECT 1 FROM claimed)" : ""
        func time(_ column: String) -> String { "timestamptz 'epoch' + x.\(column) * interval '1 millisecond'" }
        return """
            m AS (INSERT INTO messages (id, recipient_id, kind, notify, body, queue, from_number, status, decision, rules_version, findings_json, caller, created_at)
                SELECT x.id, x.recipient_id, x.kind, x.notify, x.body, x.queue, x.from_number, x.status, x.decision, x.rules_version,
                    x.findings_json, x.caller, \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'messages') AS x(id text, recipient_id text, kind text, notify text[], body text,
                    queue text, from_number text, status text, decision text, rules_version text, findings_json text, caller text,
                    created_ms bigint)\(when)),
            o AS (INSERT INTO outbox (id, message_id, channel, sender, receiver, body, created_at, acked_at, claimed_by, lease_until, sealed_body, paced)
                SELECT x.id, x.message_id, x.channel, x.sender, x.receiver, x.body, \(time("created_ms")), \(time("acked_ms")),
                    x.claimed_by, \(time("lease_until_ms")), x.sealed_body, x.paced
                FROM doc, jsonb_to_recordset(doc.j -> 'outbox') AS x(id text, message_id text, channel text, sender text, receiver text,
                    body text, created_ms bigint, acked_ms bigint, claimed_by text, lease_until_ms bigint, sealed_body text,
                    paced boolean)\(when)),
            d AS (INSERT INTO deliveries (id, message_id, channel, transport, body, provider_sid, status, error_code, error_message, created_at, updated_at)
                SELECT x.id, x.message_id, x.channel, x.transport, x.body, x.provider_sid, x.status, x.error_code, x.error_message,
                    \(time("created_ms")), \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'deliveries') AS x(id text, message_id text, channel text, transport text, body text,
                    provider_sid text, status text, error_code bigint, error_message text, created_ms bigint)\(when)),
            e AS (INSERT INTO delivery_events (delivery_id, seq, status, error_code, error_message, at)
                SELECT x.id, 1, x.status, x.error_code, x.error_message, \(time("created_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'deliveries') AS x(id text, status text, error_code bigint, error_message text,
                    created_ms bigint)\(when)),
            a AS (INSERT INTO audit (id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at)
                SELECT x.id, x.action, x.recipient_id, x.message_id, x.decision, x.rules_version, x.findings_json, x.caller, \(time("at_ms"))
                FROM doc, jsonb_to_recordset(doc.j -> 'audit') AS x(id text, action text, recipient_id text, message_id text, decision text,
                    rules_version text, findings_json text, caller text, at_ms bigint)\(when))
            """
    }
}
