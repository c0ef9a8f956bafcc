extension PostgresStore {
    /// Every schema version, oldest first. Append new versions; never change released ones.
    ///
    /// Times are `timestamptz` (written rounded to the millisecond); `seq` columns keep insertion
    /// order among rows with the same time, as SQLite's `rowid` does.
    static let migrations: [Migration] = [
        Migration(version: 1, statements: [
            """
            CREATE TABLE api_keys (
                id text PRIMARY KEY, name text NOT NULL, roles text[] NOT NULL, hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL, revoked_at timestamptz,
                seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            """
            CREATE TABLE recipients (
                id text PRIMARY KEY, kind text NOT NULL, first_name text, last_name text, date_of_birth text,
                cell_phone text, email text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
                seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX recipients_by_phone ON recipients (cell_phone)",
            "CREATE INDEX recipients_by_kind ON recipients (kind, created_at)",
            "CREATE TABLE queues (name text PRIMARY KEY, number text UNIQUE, created_at timestamptz NOT NULL)",
            """
            CREATE TABLE messages (
                id text PRIMARY KEY, recipient_id text NOT NULL, kind text NOT NULL, notify text[] NOT NULL,
                body text NOT NULL, queue text, from_number text NOT NULL, status text NOT NULL, decision text NOT NULL,
                rules_version text NOT NULL, findings_json text NOT NULL, caller text NOT NULL,
                created_at timestamptz NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX messages_by_recipient ON messages (recipient_id, created_at)",
            "CREATE INDEX messages_by_queue ON messages (queue, created_at)",
            "CREATE INDEX messages_by_from_number ON messages (from_number, created_at)",
            """
            CREATE TABLE outbox (
                id text PRIMARY KEY, message_id text NOT NULL REFERENCES messages (id), channel text NOT NULL,
                sender text NOT NULL, receiver text NOT NULL, body text NOT NULL,
                created_at timestamptz NOT NULL, acked_at timestamptz, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX outbox_pending ON outbox (created_at) WHERE acked_at IS NULL",
            "CREATE INDEX outbox_by_message ON outbox (message_id)",
            """
            CREATE TABLE inbound (
                id text PRIMARY KEY, from_phone text NOT NULL, to_number text NOT NULL, body text NOT NULL,
                recipient_id text, queue text, classification text NOT NULL, review_reason text,
                blocked boolean NOT NULL, received_at timestamptz NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX inbound_by_recipient ON inbound (recipient_id, received_at)",
            "CREATE INDEX inbound_by_phone ON inbound (from_phone, received_at)",
            "CREATE INDEX inbound_by_queue ON inbound (queue, received_at) WHERE NOT blocked",
            """
            CREATE TABLE consent_events (
                id text PRIMARY KEY, phone text NOT NULL, practice_number text NOT NULL, action text NOT NULL,
                source text NOT NULL, text text NOT NULL, message_id text, actor text NOT NULL,
                at timestamptz NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX consent_by_phone ON consent_events (phone, practice_number, at)",
            // The ledger is append-only: the database itself refuses changes, whoever asks.
            """
            CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the consent ledger is append-only' USING ERRCODE = 'integrity_constraint_violation'; END
            $$
            """,
            """
            CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_events
            FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only()
            """,
            """
            CREATE TABLE blocked_numbers (
                number text PRIMARY KEY, blocked_at timestamptz NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            """
            CREATE TABLE audit (
                id text PRIMARY KEY, action text NOT NULL, recipient_id text, message_id text, decision text NOT NULL,
                rules_version text NOT NULL, findings_json text NOT NULL, caller text NOT NULL, at timestamptz NOT NULL,
                seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX audit_by_time ON audit (at)",
            "CREATE INDEX audit_by_recipient ON audit (recipient_id, at)",
            "CREATE INDEX audit_by_decision ON audit (decision, at)",
            """
            CREATE TABLE idempotent_responses (
                caller text NOT NULL, key text NOT NULL, status integer NOT NULL, body text NOT NULL,
                created_at timestamptz NOT NULL, PRIMARY KEY (caller, key)
            )
            """,
            """
            CREATE TABLE secure_links (
                id text PRIMARY KEY, message_id text NOT NULL, recipient_id text NOT NULL, token_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, revoked_at timestamptz,
                failed_pins integer NOT NULL DEFAULT 0, failed_identity integer NOT NULL DEFAULT 0,
                locked_at timestamptz, lock_reason text, seq bigint GENERATED ALWAYS AS IDENTITY
            )
            """,
            "CREATE INDEX secure_links_by_message ON secure_links (message_id, created_at)",
            """
            CREATE TABLE patient_pins (
                recipient_id text PRIMARY KEY, hash text NOT NULL, salt text NOT NULL, set_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE patient_sessions (
                hash text PRIMARY KEY, link_id text NOT NULL REFERENCES secure_links (id), expires_at timestamptz NOT NULL
            )
            """,
        ]),
        // Recipients' language and time zone; existing recipients have neither (the practice's).
        Migration(version: 2, statements: [
            "ALTER TABLE recipients ADD COLUMN language text, ADD COLUMN time_zone text",
        ]),
        // Idempotency keys reserved before the request runs. Responses saved before have no
        // request hash (it matches any request) and are completed.
        Migration(version: 3, statements: [
            """
            ALTER TABLE idempotent_responses ADD COLUMN request_hash text NOT NULL DEFAULT '',
                ADD COLUMN state text NOT NULL DEFAULT 'completed' CHECK (state IN ('pending', 'completed')),
                ADD COLUMN lease_until timestamptz
            """,
        ]),
        // Outbox claims with leases, and the sealed (encrypted) body erased on acknowledgement.
        Migration(version: 4, statements: [
            "ALTER TABLE outbox ADD COLUMN claimed_by text, ADD COLUMN lease_until timestamptz, ADD COLUMN sealed_body text",
            // Pages are ordered by (time, id) with ids compared bytewise, as in SQLite.
            "CREATE INDEX outbox_by_time ON outbox (created_at, id COLLATE \"C\")",
        ]),
        // Inbound texts that had to be repaired (invalid UTF-8, control characters) say so.
        Migration(version: 5, statements: [
            "ALTER TABLE inbound ADD COLUMN repaired boolean NOT NULL DEFAULT false",
        ]),
        // Broadcasts, appointments, and the scheduler's sends (a broadcast's recipients and
        // appointment reminders), each claimed by one worker and finished once.
        Migration(version: 6, statements: PostgresStore.scheduleSchema),
        // Deliveries and their status history (the provider's callbacks, kept in order), and
        // messages listed by time and status.
        Migration(version: 7, statements: [
            """
            CREATE TABLE deliveries (
                id text PRIMARY KEY, message_id text, channel text, transport text, body text, provider_sid text UNIQUE,
                status text NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'undelivered', 'failed')),
                error_code bigint, error_message text, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX deliveries_by_message ON deliveries (message_id, created_at)",
            """
            CREATE TABLE delivery_events (
                delivery_id text NOT NULL REFERENCES deliveries (id), seq integer NOT NULL, status text NOT NULL,
                error_code bigint, error_message text, at timestamptz NOT NULL, PRIMARY KEY (delivery_id, seq)
            )
            """,
            "CREATE INDEX messages_by_time ON messages (created_at, id COLLATE \"C\")",
            "CREATE INDEX messages_by_status ON messages (status, created_at)",
        ]),
        // Each sending number's next free moment (Unix milliseconds), so pacing holds across
        // every instance on the database; outbox items already paced by their sender.
        Migration(version: 8, statements: [
            "CREATE TABLE pacing_slots (number text PRIMARY KEY, next_ms bigint NOT NULL)",
            "ALTER TABLE outbox ADD COLUMN paced boolean NOT NULL DEFAULT false",
        ]),
        // The audit records of `/v1/check` name no recipient: the recipient index leaves them
        // out, so the pre-send hook's record costs one index insert fewer (a lookup by recipient
        // names one, so it still uses the index).
        Migration(version: 9, statements: [
            "DROP INDEX audit_by_recipient",
            "CREATE INDEX audit_by_recipient ON audit (recipient_id, at) WHERE recipient_id IS NOT NULL",
        ]),
        // Most audit records allow (every clean `/v1/check`): the decision index leaves them out,
        // one index insert fewer per record. A lookup of another decision names
        // `decision != 'allow'` too (see `auditDecision(_:_:)`); one of `allow` reads the time index.
        Migration(version: 10, statements: [
            "DROP INDEX audit_by_decision",
            "CREATE INDEX audit_by_decision ON audit (decision, at) WHERE decision != 'allow'",
        ]),
    ]
}
