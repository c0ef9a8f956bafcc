import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// Reserves a sending number's next slot in one upsert: the row is locked while it moves, so
    /// two instances reserving at once get moments `interval` apart.
    public func reservePacingSlot(number: String, interval: TimeInterval, now: Date) async throws(StorageError) -> Date {
        let step = max(1, Int((interval * 1000).rounded()))
        let nowMillis = Int((Millisecond.date(now).timeIntervalSince1970 * 1000).rounded())
        let rows = try await query(
            """
            INSERT INTO pacing_slots (number, next_ms) VALUES (\(number), \(nowMillis) + \(step))
            ON CONFLICT (number) DO UPDATE SET next_ms = GREATEST(pacing_slots.next_ms, \(nowMillis)) + \(step)
            RETURNING next_ms - \(step) AS slot_ms
            """,
            "reserve a pacing slot for \(number)")
        guard let row = rows.first else { throw .corrupt("pacing_slots: no slot returned for \(number)") }
        let millis = try RowReader(row, table: "pacing_slots").int("slot_ms")
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
