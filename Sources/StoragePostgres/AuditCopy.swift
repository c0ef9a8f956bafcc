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
        guard let rows = AuditCopy(records) else { return try await moveAudit(records) }
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
/// and carriage return escaped; the time as `YYYY-MM-DD HH:MM:SS.mmm+00`.
struct AuditCopy {
    /// The rows, in buffers of about 64 KiB, each written to the server in one message.
    private(set) var chunks: [ByteBuffer] = []

    /// The rows of `records`; nil when a record's time falls before the year 1, which the text
    /// form here does not write (PostgreSQL writes such years with `BC`).
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
            Self.writeTime(ms, to: &buffer)
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

    /// A column's text, escaped, or `\N` for none.
    static func write(_ text: String?, to buffer: inout ByteBuffer) {
        guard let text else { buffer.writeStaticString("\\N"); return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Unix milliseconds (from the year 1) as `YYYY-MM-DD HH:MM:SS.mmm+00`.
    static func writeTime(_ ms: Int64, to buffer: inout ByteBuffer) {
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let inDay = ms - days * 86_400_000
        let (year, month, day) = civil(days: days)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                buffer.writeInteger(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); buffer.writeStaticString("-"); digits(month, 2); buffer.writeStaticString("-"); digits(day, 2)
        buffer.writeStaticString(" ")
        digits(inDay / 3_600_000, 2); buffer.writeStaticString(":"); digits(inDay / 60_000 % 60, 2)
        buffer.writeStaticString(":"); digits(inDay / 1000 % 60, 2); buffer.writeStaticString(".")
        digits(inDay % 1000, 3); buffer.writeStaticString("+00")
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
