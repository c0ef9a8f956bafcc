import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The journal's files: made locked, written whole, read back, and found after a crash.
extension AuditJournal {
    /// The journal files of processes that ended without moving them (after a crash), oldest
    /// first, each locked for this process; files of running processes are left to them.
    /// - Throws: `StorageError.unavailable` when the prefix's directory cannot be listed.
    static func leftovers(of prefix: String) throws(StorageError) -> [File] {
        let url = URL(fileURLWithPath: prefix)
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
    static func create(_ prefix: String) throws(StorageError) -> File {
        var failure: Int32 = 0
        // A process starting on the same prefix may lock a temporary file for a moment (`leftovers`).
        for _ in 0..<3 {
            let path = prefix + marker + Identifier.make("")
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
        throw .unavailable("cannot start audit journal \(prefix)\(marker): \(reason(failure))")
    }

    /// Why a write failed: the error, the file, and whether what was written of the frame
    /// was taken back.
    struct WriteFailure {
        let code: Int32
        let path: String
        let truncated: Bool
    }

    /// Writes a whole frame at the end of `file`; nil when it did, else what went wrong (the
    /// part written is cut off again when the file allows it).
    static func write(_ frame: [UInt8], to file: inout File) -> WriteFailure? {
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

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
