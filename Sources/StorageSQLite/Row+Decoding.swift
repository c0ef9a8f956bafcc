import Foundation
import SQLiteNIO
import Storage

/// A row of a result, as sqlite-nio's connections and ``CachedConnection`` give them.
protocol StoreRow: Sendable {
    /// The value of the column named `name`; nil when the row has no such column.
    func column(_ name: String) -> SQLiteData?
}

extension SQLiteRow: StoreRow {}

/// Reads one row's columns with the types the schema promises; anything else is
/// `StorageError.corrupt` naming the table, column and row, never a crash.
struct RowReader<Row: StoreRow> {
    let row: Row
    let table: String

    private func fail(_ column: String, _ why: String) -> StorageError {
        let id = row.column("id")?.string.map { " (id \($0))" } ?? ""
        return .corrupt("\(table).\(column)\(id): \(why)")
    }

    private func data(_ column: String) throws(StorageError) -> SQLiteData {
        guard let data = row.column(column) else { throw fail(column, "column missing") }
        return data
    }

    /// A non-null text column.
    func string(_ column: String) throws(StorageError) -> String {
        guard case .text(let s) = try data(column) else { throw fail(column, "expected text") }
        return s
    }

    /// A nullable text column.
    func optionalString(_ column: String) throws(StorageError) -> String? {
        switch try data(column) {
        case .null: return nil
        case .text(let s): return s
        default: throw fail(column, "expected text or null")
        }
    }

    /// A non-null integer column.
    func int(_ column: String) throws(StorageError) -> Int {
        guard case .integer(let v) = try data(column) else { throw fail(column, "expected an integer") }
        return Int(v)
    }

    /// A nullable integer column.
    func optionalInt(_ column: String) throws(StorageError) -> Int? {
        switch try data(column) {
        case .null: return nil
        case .integer(let v): return Int(v)
        default: throw fail(column, "expected an integer or null")
        }
    }

    /// A 0/1 integer column.
    func bool(_ column: String) throws(StorageError) -> Bool {
        switch try data(column) {
        case .integer(0): return false
        case .integer(1): return true
        default: throw fail(column, "expected 0 or 1")
        }
    }

    /// A non-null timestamp column (see `Timestamp`).
    func date(_ column: String) throws(StorageError) -> Date {
        let text = try string(column)
        guard let date = Timestamp.date(text) else { throw fail(column, "not a timestamp: \(text.prefix(40))") }
        return date
    }

    /// A nullable timestamp column.
    func optionalDate(_ column: String) throws(StorageError) -> Date? {
        guard let text = try optionalString(column) else { return nil }
        guard let date = Timestamp.date(text) else { throw fail(column, "not a timestamp: \(text.prefix(40))") }
        return date
    }

    /// A JSON array of strings.
    func stringArray(_ column: String) throws(StorageError) -> [String] {
        let text = try string(column)
        guard let array = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw fail(column, "not a JSON array of strings")
        }
        return array
    }

    /// A text column holding a raw value of `T`.
    func enumValue<T: RawRepresentable>(_ column: String, _: T.Type) throws(StorageError) -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else { throw fail(column, "unknown value \(text.prefix(40))") }
        return value
    }
}

/// Values bound to statement parameters.
enum Bind {
    /// Text.
    static func text(_ s: String) -> SQLiteData { .text(s) }
    /// Text or NULL.
    static func text(_ s: String?) -> SQLiteData { s.map { .text($0) } ?? .null }
    /// A timestamp (see `Timestamp`).
    static func date(_ d: Date) -> SQLiteData { .text(Timestamp.text(d)) }
    /// A timestamp or NULL.
    static func date(_ d: Date?) -> SQLiteData { d.map { .text(Timestamp.text($0)) } ?? .null }
    /// An integer.
    static func int(_ i: Int) -> SQLiteData { .integer(SQLiteInt64(i)) }
    /// 0 or 1.
    static func bool(_ b: Bool) -> SQLiteData { .integer(b ? 1 : 0) }
    /// A JSON array of strings (escapes commas, quotes and everything else exactly).
    static func array(_ a: [String]) -> SQLiteData {
        // Encoding [String] cannot fail; fall back to an empty array rather than trap.
        let data = (try? JSONEncoder().encode(a)) ?? Data("[]".utf8)
        return .text(String(decoding: data, as: UTF8.self))
    }
}
