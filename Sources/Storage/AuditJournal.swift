import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Audit records appended to a file of this process before the call returns, and moved into
/// the database in batches (`JournalledAudit`).
///
/// `append` is one `write` of a whole frame (`frame(_:)`), not synced: once it returns, the
/// record survives a crash of the process, as a commit in SQLite's WAL with `synchronous=NORMAL`
/// does, without a commit, a hop to the connection's thread or a wait on the request's path.
/// The store seals the file every so often and starts a new one; a sealed file's records are
/// inserted, then the file is deleted. The files' paths start with a prefix: an SQLite
/// database's path (the files lie beside it), or a name in a journal directory. The process
/// writing a file holds an exclusive `flock` on it, so a process using the same prefix moves
/// only the files of processes that ended without moving them (`leftovers(of:)`).
final class AuditJournal: Sendable {
    /// A journal file: its descriptor (which holds the lock), its path and its size.
    struct File: Sendable {
        let fd: Int32
        let path: String
        var size: Int
    }

    /// A journal file's path: the prefix, this, then an id.
    static let marker = "-audit-journal"

    /// The files' path prefix.
    let prefix: String
    /// The file appended to (made at the first record), and whether the journal is closed.
    private let current = Mutex(Appending())
    /// Sealed files whose records are not yet in the database, oldest first.
    private let sealed = Mutex<[File]>([])

    private struct Appending {
        var file: File?
        var closed = false
    }

    /// A journal whose files' paths start with `prefix`; no file is made before the first record.
    init(prefix: String) {
        self.prefix = prefix
    }

    /// Appends `record`; it is in the file when this returns.
    /// - Throws: `StorageError.unavailable` when the journal is closed, or its file cannot be
    ///   made or written (a full disk); no part of the record is ever read back then.
    func append(_ record: AuditRecord) throws(StorageError) {
        let frame = Self.frame(record)
        try current.withLock { (a: inout Appending) throws(StorageError) in
            guard !a.closed else { throw .unavailable("append audit record \(record.id): the audit journal \(prefix)\(Self.marker) is closed") }
            if a.file == nil { a.file = try Self.create(prefix) }
            guard let failure = Self.write(frame, to: &a.file!) else { return }
            if !failure.truncated {
                // The part written could not be taken back: the file is sealed as it was before
                // this record (a move reads only that far), and the next record starts a new one.
                let broken = a.file!
                a.file = nil
                sealed.withLock { $0.append(broken) }
            }
            throw .unavailable("append audit record \(record.id) to \(failure.path): \(Self.reason(failure.code))")
        }
    }

    /// Seals the current file, when it holds records, and starts a new one for those to come.
    /// Called by one task at a time (`JournalledAudit`'s gate).
    /// - Throws: `StorageError.unavailable` when the journal is closed or no new file can be
    ///   made (the current one then stays in use).
    func seal() throws(StorageError) {
        guard try current.withLock({ (a: inout Appending) throws(StorageError) -> Bool in
            guard !a.closed else { throw .unavailable("the audit journal \(prefix)\(Self.marker) is closed") }
            return (a.file?.size ?? 0) > 0
        }) else { return }
        let next = try Self.create(prefix)
        let old = current.withLock { a in
            defer { a.file = next }
            return a.file
        }
        if let old { sealed.withLock { $0.append(old) } }
    }

    /// The sealed files whose records are not yet in the database, oldest first.
    var sealedFiles: [File] { sealed.withLock { $0 } }

    /// Deletes a sealed file whose records are now in the database.
    func moved(_ file: File) {
        sealed.withLock { $0.removeAll { $0.path == file.path } }
        Self.remove(file)
    }

    /// Closes the files; later appends and seals are refused. The current file is deleted when
    /// it holds no record; any other stays, for the next process on the same prefix to move.
    /// Called by one task at a time (`JournalledAudit`'s gate), so no move is under way.
    func close() {
        current.withLock { a in
            if let f = a.file, f.size == 0 { unlink(f.path) }
            if let f = a.file { Glibc.close(f.fd) }
            a.file = nil
            a.closed = true
        }
        sealed.withLock { files in
            for f in files { Glibc.close(f.fd) }
            files = []
        }
    }
}
