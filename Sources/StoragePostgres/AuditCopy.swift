import NIOCore
import PostgresNIO
import Storage

extension PostgresStore {
    /// The audit table's columns a `COPY` of journalled records fills, in `AuditCopy`'s order.
    static let auditCopyColumns = ["id", "action", "recipient_id", "message_id", "decision", "rules_version",
                                   "findings_json", "caller", "at"]

    /// Inserts journalled records with one `COPY … FROM STDIN`: the server parses plain rows,
    /// about half the work of reading the same records out of a JSON document. A `COPY` cannot
    /// skip rows already stored, so when one is (a file moved once before a crash stopped its
    /// deletion) nothing of it is kept and the records go through `AuditMove` instead, which
    /// keeps the stored ones. Committed with the server's default `synchronous_commit`.
    func copyAudit(_ records: [AuditRecord]) async throws(StorageError) {
        // Rows are made off the concurrency pool: a move of thousands of records takes milliseconds.
        guard let rows = try await OffPool.run({ AuditCopy(records) }) else { return try await moveAudit(records) }
        let what = "copy \(records.count) audit records from the audit journal into the database"
        try checkOpen(what)
        do {
            try await client.withConnection { connection in
                try await connection.copyFrom(table: "audit", columns: Self.auditCopyColumns, logger: logger) { writer in
                    for chunk in rows.chunks { try await writer.write(chunk) }
                }
            }
        } catch {
            let mapped = mapError(error, what)
            guard case .conflict = mapped else { throw mapped }
            try await moveAudit(records)
        }
    }

    /// Inserts records through `AuditMove`, `journalRowsPerStatement` a statement, keeping any
    /// already stored.
    func moveAudit(_ records: [AuditRecord]) async throws(StorageError) {
        for start in stride(from: 0, to: records.count, by: Self.journalRowsPerStatement) {
            let chunk = Array(records[start..<min(start + Self.journalRowsPerStatement, records.count)])
            _ = try await execute(AuditMove(batch: chunk), "move \(chunk.count) audit records from the audit journal into the database")
        }
    }
}

/// Audit records as the rows of a `COPY` in PostgreSQL's text format: columns as
/// `PostgresStore.auditCopyColumns`, separated by tabs, `\N` for none, backslash, tab, line feed
/// and carriage return escaped; the time in ISO 8601 UTC (`Timestamp`).
struct AuditCopy {
    /// The rows, in buffers of about 64 KiB, each written to the server in one message.
    private(set) var chunks: [ByteBuffer] = []

    /// The rows of `records`; nil when a record's time falls before the year 1, which
    /// PostgreSQL writes with `BC`, not as ISO 8601's year 0000.
    init?(_ records: [AuditRecord]) {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1 << 16)
        for a in records {
            let ms = SendDocument.ms(a.at)
            guard ms >= Self.yearOneMillis else { return nil }
            for (i, text) in [a.id, a.action, a.recipientId, a.messageId, a.decision, a.rulesVersion,
                              a.findingsJSON, a.caller].enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                Self.write(text, to: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\t"))
            buffer.writeString(Timestamp.text(millis: ms))
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= 1 << 16 {
                chunks.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 16)
            }
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
    }

    /// 0001-01-01T00:00:00Z in Unix milliseconds.
    static let yearOneMillis: Int64 = -62_135_596_800_000

    /// A column's text, escaped, or `\N` for none. The runs between escapes are copied whole.
    static func write(_ text: String?, to buffer: inout ByteBuffer) {
        guard var text else { buffer.writeStaticString("\\N"); return }
        text.withUTF8 { bytes in
            var run = 0
            for i in bytes.indices {
                let escape: StaticString
                switch bytes[i] {
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                default: continue
                }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                buffer.writeStaticString(escape)
                run = i + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}
