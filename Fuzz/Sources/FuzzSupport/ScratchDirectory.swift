#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of its own under the system's temporary directory, made once per fuzz process,
/// where a target writes its input as the file a path-taking reader expects.
public struct ScratchDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Makes a fresh directory named after `prefix`; stops the process when it cannot.
    public init(prefix: String) {
        let base = FuzzInput.environment("TMPDIR", "/tmp")
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { FuzzInput.fail("cannot make a scratch directory in \(base)") }
        path = String(cString: made)
    }

    /// Writes `bytes` to `name` in the directory, replacing it, and returns the file's path.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to name: String) -> String {
        let file = path + "/" + name
        guard let handle = fopen(file, "wb") else { FuzzInput.fail("cannot write \(file)") }
        if let base = bytes.baseAddress, bytes.count > 0, fwrite(base, 1, bytes.count, handle) != bytes.count {
            FuzzInput.fail("short write to \(file)")
        }
        fclose(handle)
        return file
    }
}
