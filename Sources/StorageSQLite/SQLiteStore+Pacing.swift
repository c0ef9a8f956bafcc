import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Reserves a sending number's next slot in one upsert, so two reservations (from this
    /// process or another on the same file) never get the same moment.
    public func reservePacingSlot(number: String, interval: TimeInterval, now: Date) async throws(StorageError) -> Date {
        let step = max(1, Int((interval * 1000).rounded()))
        let rows = try await query(
            """
            INSERT INTO pacing_slots (number, next_ms) VALUES (?1, ?2 + ?3)
            ON CONFLICT (number) DO UPDATE SET next_ms = max(pacing_slots.next_ms, ?2) + ?3
            RETURNING next_ms - ?3 AS slot_ms
            """,
            [Bind.text(number), Bind.int(Int(Timestamp.millis(now))), Bind.int(step)],
            "reserve a pacing slot for \(number)")
        guard let row = rows.first else { throw .corrupt("pacing_slots: no slot returned for \(number)") }
        let millis = try RowReader(row: row, table: "pacing_slots").int("slot_ms")
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
