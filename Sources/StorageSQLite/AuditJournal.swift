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
    /// The file appended to, made at the first record.
    private let current = Mutex<File?>(nil)
    /// Sealed files whose records are not yet in the database, oldest first.
    private let sealed = Mutex<[File]>([])

    /// The journal of the database at `database`; no file is made before the first record.
    init(database: String) {
        self.database = database
    }

    /// Appends `record`; it is in the file when this returns.
    /// - Throws: `StorageError.unavailable` when the file cannot be made or written (a full
    ///   disk); nothing of the record is left in the file then.
    func append(_ record: AuditRecord) throws(StorageError) {
        let frame = Self.frame(record)
        try current.withLock { (file: inout File?) throws(StorageError) in
            if file == nil { file = try Self.create(database) }
            try Self.write(frame, record.id, to: &file!)
        }
    }

    /// Seals the current file, when it holds records, and starts a new one for those to come.
    /// Called by one task at a time (the store's journal gate).
    func seal() throws(StorageError) {
        guard current.withLock({ ($0?.size ?? 0) > 0 }) else { return }
        let next = try Self.create(database)
        let old = current.withLock { file in
            defer { file = next }
            return file
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

    /// Closes the files. The current one is deleted when it holds no record; any other stays,
    /// for the next process to open the database to move.
    func close() {
        current.withLock { file in
            if let f = file, f.size == 0 { unlink(f.path) }
            if let f = file { Glibc.close(f.fd) }
            file = nil
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
            Glibc.close(fd)
        }
        throw .unavailable("cannot start audit journal beside \(database): \(reason(failure))")
    }

    /// Writes a whole frame at the end of `file`, or none of it.
    private static func write(_ frame: [UInt8], _ id: String, to file: inout File) throws(StorageError) {
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
        if let error {
            // Leave no part of the frame behind: the file holds whole records only.
            _ = ftruncate(fd, off_t(file.size))
            throw .unavailable("append audit record \(id) to \(file.path): \(reason(error))")
        }
        file.size += frame.count
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
