import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Process-level facts and controls: CPU pinning, resident memory, the machine's description.
enum System {
    /// Pins the calling process to one CPU; returns false when the kernel refuses.
    static func pin(toCPU cpu: Int) -> Bool {
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { raw in
            for i in raw.indices { raw[i] = 0 }
            raw[cpu / 8] |= UInt8(1 << (cpu % 8))
        }
        guard let call = affinityCall("sched_setaffinity") else { return false }
        return call(0, MemoryLayout<cpu_set_t>.size, &set) == 0
    }

    /// The CPUs the process may run on now.
    static func allowedCPUs() -> [Int] {
        var set = cpu_set_t()
        guard let call = affinityCall("sched_getaffinity"),
              call(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else { return [] }
        return withUnsafeBytes(of: &set) { raw in
            (0..<(raw.count * 8)).filter { raw[$0 / 8] & UInt8(1 << ($0 % 8)) != 0 }
        }
    }

    /// `sched_setaffinity` / `sched_getaffinity` from the C library. Glibc declares them only under
    /// `_GNU_SOURCE`, which the Swift Glibc module does not define, so they are looked up at run time.
    private typealias AffinityCall = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private static func affinityCall(_ name: String) -> AffinityCall? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: AffinityCall.self)
    }

    /// A `kB` field of /proc/self/status (`VmRSS`, `VmHWM`), in bytes.
    static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    /// Resets `VmHWM` to the current RSS (Linux 4.0+); returns false when not possible.
    static func resetPeakRSS() -> Bool {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(f) }
        return fputs("5", f) >= 0
    }

    /// `uname -srm`.
    static func uname() -> String {
        var u = utsname()
        _ = Glibc.uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return "\(field(u.sysname)) \(field(u.release)) \(field(u.machine))"
    }

    /// The CPU model from /proc/cpuinfo.
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// Online CPUs.
    static func cpuCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The 1-minute load average, to show how busy the machine was.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }

    /// Finds an executable on `PATH`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Seconds as a `Double`.
extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

/// Median, min and max of repeated measurements.
struct Stats {
    var median: Double
    var min: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        min = sorted.first ?? 0
        max = sorted.last ?? 0
    }
}

/// CPU time, the measure of every timed pass: the time the measured thread (or child process)
/// ran, which other work on a shared machine changes far less than wall time.
enum CPUTime {
    /// This thread's CPU time so far, in seconds.
    static func thread() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The CPU time `body` takes on this thread, in seconds.
    static func measure(_ body: () -> Void) -> Double {
        let start = thread()
        body()
        return thread() - start
    }

    /// A child's CPU time, user and system, from its `rusage`.
    static func seconds(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
