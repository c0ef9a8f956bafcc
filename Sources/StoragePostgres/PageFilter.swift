import Foundation
import PostgresNIO
import Storage

/// The WHERE conditions and binds of a page read on a time column (and `id`): after the cursor
/// in (time, id) order, within [`from`, `to`), plus any the caller adds. Ids compare bytewise
/// (`COLLATE "C"`), as in SQLite, whatever the database's collation.
struct PageFilter {
    var conditions: [String] = []
    var binds = PostgresBindings()
    let column: String
    let descending: Bool
    let limit: Int

    init(_ page: Page, column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
        self.limit = page.limit
        if let after = page.after {
            let op = descending ? "<" : ">"
            let at = bind(Millisecond.date(after.at)), id = bind(after.id)
            conditions.append("(\(column) \(op) \(at) OR (\(column) = \(at) AND id COLLATE \"C\" \(op) \(id)))")
        }
        if let from = page.from { conditions.append("\(column) >= \(bind(Millisecond.date(from)))") }
        if let to = page.to { conditions.append("\(column) < \(bind(Millisecond.date(to)))") }
    }

    /// Binds a value and returns its placeholder (`$n`).
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Adds `column = value`.
    mutating func equal(_ column: String, _ value: String) {
        conditions.append("\(column) = \(bind(value))")
    }

    /// `SELECT * FROM table WHERE … ORDER BY time, id LIMIT limit + 1` (one extra to learn whether more follow).
    func query(table: String) -> PostgresQuery {
        var binds = self.binds
        binds.append(limit + 1)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let direction = descending ? "DESC" : ""
        let sql = "SELECT * FROM \(table) \(whereClause) ORDER BY \(column) \(direction), id COLLATE \"C\" \(direction) LIMIT $\(binds.count)"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
