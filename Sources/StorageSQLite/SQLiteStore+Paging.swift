import Foundation
import SQLiteNIO
import Storage

extension SQLiteStore {
    /// Adds the conditions of `page` on a time `column` (and `id`): after the cursor in
    /// (time, id) order, and within [`from`, `to`). With `descending`, "after" means older.
    static func pageConditions(_ page: Page, column: String, descending: Bool = false,
                               into conditions: inout [String], _ binds: inout [SQLiteData]) {
        if let after = page.after {
            let op = descending ? "<" : ">"
            conditions.append("(\(column) \(op) ? OR (\(column) = ? AND id \(op) ?))")
            binds += [Bind.date(after.at), Bind.date(after.at), Bind.text(after.id)]
        }
        if let from = page.from { conditions.append("\(column) >= ?"); binds.append(Bind.date(from)) }
        if let to = page.to { conditions.append("\(column) < ?"); binds.append(Bind.date(to)) }
    }
}
