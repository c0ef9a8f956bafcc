import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Writes a whole send in one statement, so one round trip and one commit: each insert is a
    /// data-modifying `WITH` clause of the statement that completes the idempotency reservation.
    /// A statement is atomic, and its foreign keys are checked once all of it has run.
    public func commitSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        let rows = try await query(Self.sendStatement(send, completing: true), "write send \(send.message.id) (an id already stored)")
        return !rows.isEmpty
    }

    /// ``commitSend(_:)`` only if the send's idempotency key was never used, still in one
    /// statement: its first clause inserts the key with its result (`ON CONFLICT DO NOTHING`,
    /// which waits for another instance's insert of the same key to commit or roll back), and
    /// every insert of the send selects its rows only if that clause inserted one. So two
    /// instances claiming one key at once write one send.
    public func claimSend(_ send: AcceptedSend) async throws(StorageError) -> Bool {
        guard send.idempotency != nil else {
            throw .unavailable("write send \(send.message.id): a send that claims an idempotency key needs one")
        }
        let rows = try await query(Self.sendStatement(send, completing: false), "write send \(send.message.id) (an id already stored)")
        return !rows.isEmpty
    }

    /// The statement that writes `send` and returns its idempotency key when it saved its result:
    /// `completing` the key's reservation in its last clause, or else claiming the key in its first.
    private static func sendStatement(_ send: AcceptedSend, completing: Bool) -> PostgresQuery {
        var sql = SendStatement()
        if !completing, let r = send.idempotency {
            let v = sql.values {
                $0.append(r.caller); $0.append(r.key); $0.append(r.status); $0.append(r.body)
                $0.append(Millisecond.date(r.createdAt)); $0.append(r.requestHash)
            }
            sql.claim = """
                INSERT INTO idempotent_responses (caller, key, status, body, created_at, request_hash, state)
                VALUES (\(v.joined(separator: ", ")), 'completed') ON CONFLICT (caller, key) DO NOTHING RETURNING key
                """
        }
        let m = send.message
        sql.insert("messages", "id, recipient_id, kind, notify, body, queue, from_number, status, decision, rules_version, findings_json, caller, created_at") {
            $0.append(m.id); $0.append(m.recipientId); $0.append(m.kind); $0.append(m.notify); $0.append(m.body)
            $0.append(m.queue); $0.append(m.fromNumber); $0.append(m.status); $0.append(m.decision)
            $0.append(m.rulesVersion); $0.append(m.findingsJSON); $0.append(m.caller); $0.append(Millisecond.date(m.createdAt))
        }
        for item in send.outbox {
            sql.insert("outbox", "id, message_id, channel, sender, receiver, body, created_at, acked_at, claimed_by, lease_until, sealed_body, paced") {
                $0.append(item.id); $0.append(item.messageId); $0.append(item.channel); $0.append(item.from)
                $0.append(item.to); $0.append(item.body); $0.append(Millisecond.date(item.createdAt))
                $0.append(Millisecond.date(item.ackedAt)); $0.append(item.claimedBy); $0.append(Millisecond.date(item.leaseUntil))
                $0.append(item.sealedBody); $0.append(item.paced)
            }
        }
        for d in send.deliveries {
            let at = Millisecond.date(d.createdAt)
            sql.insert("deliveries", "id, message_id, channel, transport, body, provider_sid, status, error_code, error_message, created_at, updated_at") {
                $0.append(d.id); $0.append(d.messageId); $0.append(d.channel); $0.append(d.transport); $0.append(d.body)
                $0.append(d.providerSid); $0.append(d.status.rawValue); $0.append(d.errorCode); $0.append(d.errorMessage)
                $0.append(at); $0.append(at)
            }
            // A new delivery: its first status is the first event of its history.
            sql.insert("delivery_events", "delivery_id, seq, status, error_code, error_message, at") {
                $0.append(d.id); $0.append(Int32(1)); $0.append(d.status.rawValue); $0.append(d.errorCode); $0.append(d.errorMessage)
                $0.append(at)
            }
        }
        if let a = send.audit {
            sql.insert("audit", "id, action, recipient_id, message_id, decision, rules_version, findings_json, caller, at") {
                $0.append(a.id); $0.append(a.action); $0.append(a.recipientId); $0.append(a.messageId); $0.append(a.decision)
                $0.append(a.rulesVersion); $0.append(a.findingsJSON); $0.append(a.caller); $0.append(Millisecond.date(a.at))
            }
        }
        let last: String
        if sql.claim != nil {
            last = "SELECT key FROM claimed"
        } else if let r = send.idempotency {
            let v = sql.values {
                $0.append(r.status); $0.append(r.body); $0.append(Millisecond.date(r.createdAt)); $0.append(r.caller)
                $0.append(r.key); $0.append(r.requestHash)
            }
            last = """
                UPDATE idempotent_responses SET status = \(v[0]), body = \(v[1]), created_at = \(v[2]), state = 'completed', lease_until = NULL
                WHERE caller = \(v[3]) AND key = \(v[4]) AND state = 'pending' AND request_hash = \(v[5]) RETURNING key
                """
        } else {
            last = "SELECT NULL WHERE false"
        }
        return PostgresQuery(unsafeSQL: sql.text(then: last), binds: sql.binds)
    }
}

/// One statement of data-modifying `WITH` clauses, one `INSERT` per table, and its values. A
/// table's rows are inserted by one multi-row `VALUES`, in the order they were added, so their
/// identity column (the order of rows made at the same instant) follows it. With a `claim`, the
/// clause `claimed` comes first, and each insert selects its rows only if it returned one.
struct SendStatement {
    private(set) var binds = PostgresBindings()
    private var inserts: [(table: String, columns: String, rows: [String])] = []
    /// An `INSERT … RETURNING` that the send's rows depend on.
    var claim: String?

    /// One row's values as they are bound. Each placeholder is cast to its Swift type's SQL type:
    /// a `NULL` bound without a type reads as `text` in `SELECT … FROM (VALUES …)`, which a
    /// column of another type refuses.
    struct Values {
        var binds: PostgresBindings
        var placeholders: [String] = []

        mutating func append<T: PostgresNonThrowingEncodable>(_ value: T?) {
            if let value { binds.append(value) } else { binds.appendNull() }
            placeholders.append("$\(binds.count)::\(T.psqlType.knownSQLName ?? "TEXT")")
        }
    }

    /// Adds a row of the values `add` appends to the `INSERT INTO table (columns)`.
    mutating func insert(_ table: String, _ columns: String, _ add: (inout Values) -> Void) {
        let row = "(" + values(add).joined(separator: ", ") + ")"
        if let i = inserts.firstIndex(where: { $0.table == table }) {
            inserts[i].rows.append(row)
        } else {
            inserts.append((table, columns, [row]))
        }
    }

    /// Appends the values `add` appends, and returns their placeholders (`$1::TEXT`…).
    mutating func values(_ add: (inout Values) -> Void) -> [String] {
        var row = Values(binds: binds)
        binds = PostgresBindings()  // So the row's copy is the only one, and grows in place.
        add(&row)
        binds = row.binds
        return row.placeholders
    }

    /// The statement: the claim, the inserts, then `last`.
    func text(then last: String) -> String {
        var clauses = claim.map { ["claimed AS (\($0))"] } ?? []
        for (i, insert) in inserts.enumerated() {
            let values = "VALUES \(insert.rows.joined(separator: ", "))"
            let rows = claim == nil ? values : "SELECT * FROM (\(values)) AS v WHERE EXISTS (SELECT 1 FROM claimed)"
            clauses.append("w\(i) AS (INSERT INTO \(insert.table) (\(insert.columns)) \(rows))")
        }
        guard !clauses.isEmpty else { return last }
        return "WITH " + clauses.joined(separator: ",\n") + "\n" + last
    }
}
