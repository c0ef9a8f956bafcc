#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every fuzz target needs: the input as bytes, a scratch file to hand readers that take a
/// path, and a failure that libFuzzer records as a crash with the input that caused it.
public enum FuzzInput {
    /// The input libFuzzer passes, as a buffer of bytes (empty when `size` is 0).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: size > 0 ? data : nil, count: size > 0 ? size : 0)
    }

    /// Stops the fuzzer on a broken invariant: libFuzzer saves the input as a crash.
    public static func fail(_ what: String) -> Never {
        let line = Array("fuzz invariant broken: \(what)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// An environment variable, or `fallback` when it is unset or empty.
    public static func environment(_ name: String, _ fallback: String) -> String {
        guard let value = getenv(name), value.pointee != 0 else { return fallback }
        return String(cString: value)
    }
}
