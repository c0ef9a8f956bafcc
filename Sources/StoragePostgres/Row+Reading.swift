import Foundation
import PostgresNIO
import Storage

/// Reads one row's columns with the types the schema promises; anything else is
/// `StorageError.corrupt` naming the table, column and row, never a crash.
struct RowReader {
    let row: PostgresRandomAccessRow
    let table: String

    init(_ row: PostgresRow, table: String) {
        self.row = row.makeRandomAccess()
        self.table = table
    }

    private func fail(_ column: String, _ why: String) -> StorageError {
        let id = row.contains("id") ? ((try? row["id"].decode(String.self)).map { " (id \($0))" } ?? "") : ""
        return .corrupt("\(table).\(column)\(id): \(why)")
    }

    private func decode<T: PostgresDecodable>(_ column: String, _: T.Type, _ expected: String) throws(StorageError) -> T {
        guard row.contains(column) else { throw fail(column, "column missing") }
        do {
            return try row[column].decode(T.self)
        } catch {
            throw fail(column, "expected \(expected)")
        }
    }

    /// A non-null text column.
    func string(_ column: String) throws(StorageError) -> String { try decode(column, String.self, "text") }

    /// A nullable text column.
    func optionalString(_ column: String) throws(StorageError) -> String? { try decode(column, String?.self, "text or null") }

    /// A non-null integer column.
    func int(_ column: String) throws(StorageError) -> Int { try decode(column, Int.self, "an integer") }

    /// A nullable integer column.
    func optionalInt(_ column: String) throws(StorageError) -> Int? { try decode(column, Int?.self, "an integer or null") }

    /// A non-null boolean column.
    func bool(_ column: String) throws(StorageError) -> Bool { try decode(column, Bool.self, "a boolean") }

    /// A non-null text array column.
    func stringArray(_ column: String) throws(StorageError) -> [String] { try decode(column, [String].self, "a text array") }

    /// A non-null timestamp column, to the millisecond (see `Millisecond`).
    func date(_ column: String) throws(StorageError) -> Date { Millisecond.date(try decode(column, Date.self, "a timestamp")) }

    /// A nullable timestamp column.
    func optionalDate(_ column: String) throws(StorageError) -> Date? {
        try decode(column, Date?.self, "a timestamp or null").map(Millisecond.date)
    }

    /// A text column holding a raw value of `T`.
    func enumValue<T: RawRepresentable>(_ column: String, _: T.Type) throws(StorageError) -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else { throw fail(column, "unknown value \(text.prefix(40))") }
        return value
    }
}

/// Dates as stored: `timestamptz` values rounded to the millisecond, the precision every store
/// keeps, and clamped to years 0000…9999 as the SQLite store does (`Timestamp.millis`). A date
/// written and read back is the same `Date` in both stores.
enum Millisecond {
    /// The date rounded to the millisecond and clamped: what is bound to a statement.
    static func date(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Timestamp.millis(date)) / 1000)
    }

    /// The date rounded to the millisecond, or nil.
    static func date(_ date: Date?) -> Date? { date.map { self.date($0) } }
}
