import SQLiteNIO
import Storage
import VaporCSQLite

/// A connection to the database file that keeps its prepared statements, for the statements on
/// a send's path. sqlite-nio prepares every statement anew and hands each one to its thread
/// pool and back; on a send those steps cost more than the reads and writes themselves. Here a
/// statement is prepared once, and a whole unit of work (a read, or a transaction of many
/// statements) runs on the connection's own thread in one hand-off.
///
/// It drives the SQLite that sqlite-nio builds (`VaporCSQLite`), not a second copy: two copies
/// of SQLite in one process would release each other's POSIX locks on the file.
final class CachedConnection: @unchecked Sendable {
    // `handle` (nil once closed) and `statements` are touched only on `thread`, whose one
    // thread runs one unit of work at a time: that is what makes the class safe to share.
    private var handle: OpaquePointer?
    private var statements: [String: CachedStatement] = [:]
    private let thread: NIOThreadPool
    /// The database file, for error messages.
    let path: String

    /// The most statements kept; past it all are finalised and preparing starts over. The
    /// statements on a send's path are a dozen fixed strings, so this is only a bound.
    static let maxStatements = 64

    private init(handle: OpaquePointer, thread: NIOThreadPool, path: String) {
        self.handle = handle
        self.thread = thread
        self.path = path
    }

    /// Opens the existing database file at `path` and runs `pragmas` on the new connection.
    /// - Throws: `StorageError.unavailable` naming the path and `purpose` ("reading") when it
    ///   cannot be opened or set up.
    static func open(path: String, for purpose: String, pragmas: [String]) async throws(StorageError) -> CachedConnection {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let handle = try await thread.runIfActive { () throws -> UnsafeSendable in
                var handle: OpaquePointer?
                // NOMUTEX: only this connection's thread ever uses the handle.
                let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
                guard opened == SQLITE_OK, let handle else {
                    let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "code \(opened)"
                    sqlite_nio_sqlite3_close(handle)
                    throw StorageError.unavailable("cannot open SQLite database at \(path) for \(purpose): \(message)")
                }
                for sql in pragmas {
                    let ran = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
                    guard ran == SQLITE_OK else {
                        let message = String(cString: sqlite_nio_sqlite3_errmsg(handle))
                        sqlite_nio_sqlite3_close(handle)
                        throw StorageError.unavailable("cannot use SQLite database at \(path) for \(purpose) (\(sql)): \(message)")
                    }
                }
                return UnsafeSendable(handle)
            }
            return CachedConnection(handle: handle.pointer, thread: thread, path: path)
        } catch {
            try? await thread.shutdownGracefully()
            throw error as? StorageError ?? .unavailable("cannot open SQLite database at \(path) for \(purpose): \(error)")
        }
    }

    /// Runs `body` on the connection's thread, with nothing else using the connection meanwhile.
    func run<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Session) throws(StorageError) -> T)
        async throws(StorageError) -> T {
        do {
            return try await thread.runIfActive { () throws -> T in
                guard let handle = self.handle else {
                    throw StorageError.unavailable("SQLite database at \(self.path) is closed (\(what))")
                }
                return try body(Session(connection: self, handle: handle, what: what))
            }
        } catch {
            throw error as? StorageError ?? .unavailable("SQLite database at \(path) is closed (\(what))")
        }
    }

    /// Finalises the statements, closes the connection and stops its thread. Nothing of it can
    /// fail in a way that loses data: every transaction on it has ended before it is closed.
    func close() async {
        _ = try? await thread.runIfActive {
            for statement in self.statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            self.statements = [:]
            sqlite_nio_sqlite3_close(self.handle)
            self.handle = nil
        }
        try? await thread.shutdownGracefully()
    }

    /// The prepared statement for `sql`, prepared now if it was not yet. Called on the thread.
    fileprivate func statement(_ sql: String, _ handle: OpaquePointer, _ what: String) throws(StorageError) -> CachedStatement {
        if let kept = statements[sql] { return kept }
        if statements.count >= Self.maxStatements {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            statements = [:]
        }
        var prepared: OpaquePointer?
        let ret = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard ret == SQLITE_OK, let prepared else { throw failure(ret, handle, what) }
        var names: [String: Int] = [:]
        for i in 0..<sqlite_nio_sqlite3_column_count(prepared) {
            guard let name = sqlite_nio_sqlite3_column_name(prepared, i) else { continue }
            // As sqlite-nio: of two columns with one name, the first is the one read by name.
            let key = String(cString: name)
            if names[key] == nil { names[key] = Int(i) }
        }
        let statement = CachedStatement(handle: prepared, columns: ColumnNames(names), width: Int(sqlite_nio_sqlite3_column_count(prepared)))
        statements[sql] = statement
        return statement
    }

    /// SQLite's result code as a `StorageError`: constraint violations are conflicts, damaged
    /// files corrupt, everything else unavailable (as ``SQLiteStore/mapError(_:_:)`` maps them).
    fileprivate func failure(_ code: Int32, _ handle: OpaquePointer, _ what: String) -> StorageError {
        let message = String(cString: sqlite_nio_sqlite3_errmsg(handle))
        switch code & 0xFF {
        case SQLITE_CONSTRAINT: return .conflict("\(what): \(message)")
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt("\(what) in SQLite database at \(path): \(message)")
        default: return .unavailable("\(what) in SQLite database at \(path): \(message)")
        }
    }

    /// The statements of one unit of work, run on the connection's thread.
    struct Session {
        fileprivate let connection: CachedConnection
        fileprivate let handle: OpaquePointer
        /// What the work does, for error messages.
        let what: String

        /// Whether a transaction is open on the connection.
        var inTransaction: Bool { sqlite_nio_sqlite3_get_autocommit(handle) == 0 }

        /// Runs one statement with `binds` and returns its rows.
        @discardableResult
        func query(_ sql: String, _ binds: [SQLiteData] = []) throws(StorageError) -> [CachedRow] {
            let statement = try connection.statement(sql, handle, what)
            let s = statement.handle
            // Whatever happens, the statement is left reset: a read left open would pin the WAL.
            // Its bindings are not cleared: that would make SQLite prepare some statements again
            // (those whose plan depends on a parameter), and every call binds every parameter.
            defer { sqlite_nio_sqlite3_reset(s) }
            guard Int(sqlite_nio_sqlite3_bind_parameter_count(s)) == binds.count else {
                return try Self.unbound(sql, binds.count, s, what)
            }
            for (i, bind) in binds.enumerated() {
                let ret = Self.bind(bind, at: Int32(i + 1), s)
                guard ret == SQLITE_OK else { throw connection.failure(ret, handle, what) }
            }
            var rows: [CachedRow] = []
            while true {
                let ret = sqlite_nio_sqlite3_step(s)
                if ret == SQLITE_DONE { return rows }
                guard ret == SQLITE_ROW else { throw connection.failure(ret, handle, what) }
                var values: [SQLiteData] = []
                values.reserveCapacity(statement.width)
                for column in 0..<Int32(statement.width) { values.append(Self.value(s, column)) }
                rows.append(CachedRow(columns: statement.columns, values: values))
            }
        }

        /// A statement given the wrong number of values: a mistake in this module, never input.
        private static func unbound(_ sql: String, _ count: Int, _ s: OpaquePointer, _ what: String) throws(StorageError) -> [CachedRow] {
            let wanted = Int(sqlite_nio_sqlite3_bind_parameter_count(s))
            throw .unavailable("\(what): \(count) values for the \(wanted) parameters of \(sql.prefix(80))")
        }

        private static func bind(_ value: SQLiteData, at i: Int32, _ s: OpaquePointer) -> Int32 {
            switch value {
            case .text(let text):
                var text = text
                return text.withUTF8 { bytes in
                    // A null pointer would bind NULL, not the empty text.
                    guard let start = bytes.baseAddress, !bytes.isEmpty else {
                        return sqlite_nio_sqlite3_bind_text64(s, i, "", 0, transient, UInt8(SQLITE_UTF8))
                    }
                    return sqlite_nio_sqlite3_bind_text64(s, i, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self),
                                                          UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
                }
            case .integer(let value): return sqlite_nio_sqlite3_bind_int64(s, i, Int64(value))
            case .float(let value): return sqlite_nio_sqlite3_bind_double(s, i, value)
            case .null: return sqlite_nio_sqlite3_bind_null(s, i)
            case .blob(let buffer):
                return buffer.withUnsafeReadableBytes { bytes in
                    sqlite_nio_sqlite3_bind_blob64(s, i, bytes.baseAddress, UInt64(bytes.count), transient)
                }
            }
        }

        private static func value(_ s: OpaquePointer, _ column: Int32) -> SQLiteData {
            switch sqlite_nio_sqlite3_column_type(s, column) {
            case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(s, column)))
            case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(s, column))
            case SQLITE_TEXT:
                // By its length, so a NUL inside the text does not end it.
                let count = Int(sqlite_nio_sqlite3_column_bytes(s, column))
                guard let text = sqlite_nio_sqlite3_column_text(s, column) else { return .text("") }
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            case SQLITE_BLOB:
                let count = Int(sqlite_nio_sqlite3_column_bytes(s, column))
                guard let blob = sqlite_nio_sqlite3_column_blob(s, column) else { return .blob(ByteBuffer()) }
                return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: blob, count: count)))
            default: return .null
            }
        }
    }
}

/// A prepared statement kept by a ``CachedConnection``, with its columns' names.
private struct CachedStatement {
    let handle: OpaquePointer
    let columns: ColumnNames
    let width: Int
}

/// Column names to positions, shared by every row of a statement.
final class ColumnNames: Sendable {
    let positions: [String: Int]
    init(_ positions: [String: Int]) { self.positions = positions }
}

/// A row read through a ``CachedConnection``.
struct CachedRow: StoreRow {
    let columns: ColumnNames
    let values: [SQLiteData]

    func column(_ name: String) -> SQLiteData? { columns.positions[name].map { values[$0] } }
}

/// A pointer handed from the connection's thread to the task that opened it.
private struct UnsafeSendable: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}

/// SQLite copies bound text and blobs (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
