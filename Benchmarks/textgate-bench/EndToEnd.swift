import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The end-to-end measurement: `textgate check --rules DIR --lines FILE --format jsonl`, output
/// to /dev/null, pinned with `taskset -c CPU` when taskset is installed; the child's CPU time
/// (user and system, spawn to exit) and peak RSS from `wait4`'s rusage.
struct EndToEnd {
    /// One run of the command line.
    struct Run {
        /// CPU time of the child, user and system.
        var seconds: Double
        /// Peak resident set of the child, bytes (`ru_maxrss`).
        var peakRSS: Int
        var exitStatus: Int32
    }

    var cli: String
    var rules: String
    var cpu: Int
    /// `taskset`, when on PATH.
    var taskset: String?

    /// The command run for `input`, as argv.
    func arguments(_ input: String) -> [String] {
        let check = [cli, "check", "--rules", rules, "--lines", input, "--format", "jsonl"]
        guard let taskset else { return check }
        return [taskset, "-c", String(cpu)] + check
    }

    /// The command as it would be typed, with `FILE` for the input.
    var displayCommand: String {
        (taskset == nil ? "" : "taskset -c \(cpu) ") + "textgate check --rules RULES --lines FILE --format jsonl > /dev/null"
    }

    /// Runs the command once on `input`. Exit 0 (clean) and 1 (blocking findings) both count as
    /// a completed check; anything else is an error.
    func run(_ input: String) throws -> Run {
        let argv = arguments(input)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cargs, environ)
        guard rc == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = CPUTime.seconds(usage)
        let signalled = status & 0x7F
        let exit = (status >> 8) & 0xFF
        guard signalled == 0, exit == 0 || exit == 1 else {
            throw BenchError("\(argv.joined(separator: " ")) failed (status \(status))")
        }
        return Run(seconds: seconds, peakRSS: Int(usage.ru_maxrss) * 1024, exitStatus: exit)
    }

    /// `runs` runs on `input` after one warm-up run (which fills the page cache).
    func measure(_ input: String, runs: Int) throws -> [Run] {
        _ = try run(input)
        return try (0..<runs).map { _ in try run(input) }
    }
}
