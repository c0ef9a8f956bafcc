import Foundation

/// `--output FILE`: the report goes to a file instead of standard output.
enum ReportFile {
    /// Points standard output at `path` (created or truncated), so that every writer of the
    /// report writes there; or prints why it cannot and exits 3.
    static func redirectStandardOutput(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            Console.error("textgate: cannot write \(path): \(String(cString: strerror(errno))); check that its folder exists and is writable")
            throw ExitStatus.unreadableInput.code
        }
        fflush(nil)  // anything already printed stays on the terminal
        dup2(fd, 1)
        close(fd)
    }
}
