import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of a fuzz target: libFuzzer's driver, with the process's arguments.
public enum FuzzDriver {
    /// Runs libFuzzer on the target's `LLVMFuzzerTestOneInput` with the command line's flags and
    /// corpus directories, and exits with its status (non-zero when it found a crash).
    public static func run() -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
    }
}
