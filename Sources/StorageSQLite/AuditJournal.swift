import Foundation
import Storage
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Audit records appended to a file of this process before the call returns, and moved into
/// the database in batches (`SQLiteStore.moveJournal()`).
///
/// `append` is one `write` of a whole frame (`frame(_:)`), not synced: once it returns, the
/// record survives a crash of the process, as a commit in SQLite's WAL with `synchronous=NORMAL`
/// does, without a commit, a hop to the connection's thread or a wait on the request's path.
/// The store seals the file every so often and starts a new one; a sealed file's records are
/// inserted in one transaction, then the file is deleted. The process writing a file holds an
/// exclusive `flock` on it, so a process opening the same database moves only the files of
/// processes that ended without moving them (`leftovers(of:)`).
final class AuditJournal: Sendable {
    /// A journal file: its descriptor (which holds the lock), its path and its size.
    struct File: Sendable {
        let fd: Int32
        let path: String
        var size: Int
    }

    /// A journal file's name: the database's, this, then an id.
    static let marker = "-audit-journal"

    private let database: String
    /// The file appended to (made at the first record), and whether the journal is closed.
    private let current = Mutex(Appending())
    /// Sealed files whose records are not yet in the database, oldest first.
    private let sealed = Mutex<[File]>([])

    private struct Appending {
        var file: File?
        var closed = false
    }

    /// The journal of the database at `database`; no file is made before the first record.
    init(database: String) {
        self.database = database
    }

    /// Appends `record`; it is in the file when this returns.
    /// - Throws: `StorageError.unavailable` when the journal is closed, or its file cannot be
    ///   made or written (a full disk); no part of the record is ever read back then.
    func append(_ record: AuditRecord) throws(StorageError) {
        let frame = Self.frame(record)
        try current.withLock { (a: inout Appending) throws(StorageError) in
            guard !a.closed else { throw .unavailable("append audit record \(record.id): the audit journal of \(database) is closed") }
            if a.file == nil { a.file = try Self.create(database) }
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
    /// Called by one task at a time (the store's journal gate).
    /// - Throws: `StorageError.unavailable` when the journal is closed or no new file can be
    ///   made (the current one then stays in use).
    func seal() throws(StorageError) {
        guard try current.withLock({ (a: inout Appending) throws(StorageError) -> Bool in
            guard !a.closed else { throw .unavailable("the audit journal of \(database) is closed") }
            return (a.file?.size ?? 0) > 0
        }) else { return }
        let next = try Self.create(database)
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
    /// it holds no record; any other stays, for the next process to open the database to move.
    /// Called by one task at a time (the store's journal gate), so no move is under way.
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

    /// The journal files of processes that ended without moving them (after a crash), oldest
    /// first, each locked for this process; files of running processes are left to them.
    /// - Throws: `StorageError.unavailable` when the database's directory cannot be listed.
    static func leftovers(of database: String) throws(StorageError) -> [File] {
        let url = URL(fileURLWithPath: database)
        let directory = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + marker + "_"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(prefix) }.sorted()
        } catch {
            throw .unavailable("cannot list \(directory) for audit journals left by a stopped process: \(error.localizedDescription)")
        }
        var files: [File] = []
        for name in names {
            let path = directory + "/" + name
            let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { continue }  // moved and deleted since the listing
            // Locked: a running process's own file.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { Glibc.close(fd); continue }
            // A file its process never renamed into use holds nothing.
            if name.hasSuffix(".new") { remove(File(fd: fd, path: path, size: 0)); continue }
            var info = stat()
            guard fstat(fd, &info) == 0 else { Glibc.close(fd); continue }
            files.append(File(fd: fd, path: path, size: Int(info.st_size)))
        }
        return files
    }

    /// The bytes of a file no process appends to any more.
    static func contents(of file: File) throws(StorageError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: file.size)
        var done = 0
        let error: Int32? = bytes.withUnsafeMutableBytes { raw in
            while done < raw.count {
                let n = pread(file.fd, raw.baseAddress! + done, raw.count - done, off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return errno }
                if n == 0 { break }
                done += n
            }
            return nil
        }
        if let error { throw .unavailable("cannot read audit journal \(file.path): \(reason(error))") }
        return Array(bytes[0..<done])
    }

    /// Deletes a file and closes it (so the lock goes only once the file is gone).
    static func remove(_ file: File) {
        unlink(file.path)
        Glibc.close(file.fd)
    }

    /// Closes a file, keeping it, and so gives up its lock.
    static func release(_ file: File) {
        Glibc.close(file.fd)
    }

    /// A new file, locked. It is made under a temporary name and renamed once locked, so no
    /// other process can take it for a leftover.
    private static func create(_ database: String) throws(StorageError) -> File {
        var failure: Int32 = 0
        // A process opening the database may lock a temporary file for a moment (`leftovers`).
        for _ in 0..<3 {
            let path = database + marker + Identifier.make("")
            let temporary = path + ".new"
            let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .unavailable("cannot create audit journal \(temporary): \(reason(errno))") }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 && rename(temporary, path) == 0 {
                return File(fd: fd, path: path, size: 0)
            }
            failure = errno
            unlink(temporary)
            Glibc.close(fd)
        }
        throw .unavailable("cannot start audit journal beside \(database): \(reason(failure))")
    }

    /// Why a write failed: the error, the file, and whether what was written of the frame
    /// was taken back.
    private struct WriteFailure {
        let code: Int32
        let path: String
        let truncated: Bool
    }

    /// Writes a whole frame at the end of `file`; nil when it did, else what went wrong (the
    /// part written is cut off again when the file allows it).
    private static func write(_ frame: [UInt8], to file: inout File) -> WriteFailure? {
        let fd = file.fd
        let error: Int32? = frame.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return errno }
                done += n
            }
            return nil
        }
        guard let error else {
            file.size += frame.count
            return nil
        }
        // Leave no part of the frame behind: the file holds whole records only.
        return WriteFailure(code: error, path: file.path, truncated: ftruncate(fd, off_t(file.size)) == 0)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
