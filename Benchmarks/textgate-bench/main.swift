// textgate-bench: throughput and memory of the compiled matcher, in-process and end to end,
// against a naive one-regex-per-rule baseline. `make bench` runs it and rewrites BENCHMARKS.md.
import Foundation
import Rules

/// Command-line options.
struct Options {
    var rules = "rules"
    var corpus = "fixtures/corpus/sms-spam-collection.tsv"
    var cli: String?
    var out: String?
    var repeatMB = 50
    var runs = 5
    var cpu = 0
    var baselineCopies = 4
    var swiftVersion: String?
    /// Only time the in-process check (for profiling); no report is written.
    var inProcessOnly = false

    static let usage = """
    usage: textgate-bench --rules DIR --corpus FILE --cli PATH --out FILE
                          [--repeat-mb 50] [--runs 5] [--cpu 0] [--baseline-copies 4] [--swift-version TEXT]
           textgate-bench --in-process-only --rules DIR --corpus FILE [--repeat-mb 50] [--runs 5] [--cpu 0]
    """

    init(_ args: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw BenchError("\(args[i - 1]) needs a value\n\(Options.usage)") }
            return args[i]
        }
        func number() throws -> Int {
            let v = try value()
            guard let n = Int(v), n >= 0 else { throw BenchError("\(args[i - 1]) needs a number, not \(v)") }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--rules": rules = try value()
            case "--corpus": corpus = try value()
            case "--cli": cli = try value()
            case "--out": out = try value()
            case "--repeat-mb": repeatMB = try number()
            case "--runs": runs = max(1, try number())
            case "--cpu": cpu = try number()
            case "--baseline-copies": baselineCopies = max(1, try number())
            case "--swift-version": swiftVersion = try value()
            case "--in-process-only": inProcessOnly = true
            case "-h", "--help": print(Options.usage); exit(0)
            default: throw BenchError("unknown option \(args[i])\n\(Options.usage)")
            }
            i += 1
        }
        guard cli != nil || inProcessOnly else { throw BenchError("--cli PATH is required (the release textgate binary)\n\(Options.usage)") }
    }
}

func log(_ s: String) {
    FileHandle.standardError.write(Data(("bench: " + s + "\n").utf8))
}

func main() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let loadBefore = System.loadAverage()
    let rssStart = System.status("VmRSS")
    let allowed = System.allowedCPUs()
    guard allowed.isEmpty || allowed.contains(options.cpu) else {
        throw BenchError("CPU \(options.cpu) is not available to this process (allowed: \(allowed))")
    }
    let pinned = System.pin(toCPU: options.cpu)
    log(pinned ? "pinned to CPU \(options.cpu)" : "could not pin to CPU \(options.cpu); running unpinned")
    if options.inProcessOnly { return try inProcessOnly(options) }

    // End to end first, while this process is small: Linux carries the spawning process's peak RSS
    // into the child's ru_maxrss across exec (posix_spawn shares our memory until the exec). These
    // runs give the CLI's memory; its time comes from the runs interleaved with the baseline below.
    let source = try Corpus.read(tsv: options.corpus)
    let copies = source.copies(toAtLeast: options.repeatMB * 1_000_000)
    let tmp = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    let stamp = "\(getpid())"
    let bigFile = "\(tmp)/textgate-bench-\(stamp).txt"
    let oneCopyFile = "\(tmp)/textgate-bench-\(stamp)-one.txt"
    let oneMessageFile = "\(tmp)/textgate-bench-\(stamp)-single.txt"
    defer { for f in [bigFile, oneCopyFile, oneMessageFile] { unlink(f) } }
    try source.writeLines(to: bigFile, copies: copies)
    try source.writeLines(to: oneCopyFile)
    try Corpus(bytes: Array("Your appointment is on Monday at 9 AM.".utf8), offsets: [0, 38]).writeLines(to: oneMessageFile)
    let fileBytes = (try? FileManager.default.attributesOfItem(atPath: bigFile)[.size] as? Int) ?? 0
    let e2e = EndToEnd(cli: options.cli!, rules: options.rules, cpu: options.cpu, taskset: System.which("taskset"))
    if e2e.taskset == nil { log("taskset not found: the CLI inherits this process's pinning instead") }
    let spawnerPeak = System.status("VmHWM")
    let e2eEarly = try e2e.measure(bigFile, runs: options.runs)
    log("end to end, first: \(e2eEarly.map { String(format: "%.3f s, %d KiB", $0.seconds, $0.peakRSS / 1024) }.joined(separator: "; "))")
    let oneCopy = try e2e.measure(oneCopyFile, runs: 3).min { $0.seconds < $1.seconds }!
    let oneMessage = try e2e.measure(oneMessageFile, runs: 3).min { $0.seconds < $1.seconds }!
    log("end to end, one copy: \(oneCopy); one message: \(oneMessage); spawner peak \(spawnerPeak / 1024) KiB")

    // Rules
    let rssBeforeLoad = System.status("VmRSS")
    let ruleset: Ruleset
    do throws(RulesError) { ruleset = try Ruleset.load(directory: options.rules) } catch {
        throw BenchError("cannot load the rules: \(error)")
    }
    let rssAfterLoad = System.status("VmRSS")
    let hwmAfterLoad = System.status("VmHWM")
    log("loaded \(ruleset.rules.count) rules (+\(rssAfterLoad - rssBeforeLoad) bytes resident)")

    // In-process
    let corpus = source.repeated(toAtLeast: options.repeatMB * 1_000_000).corpus
    let corpusBuffers = corpus.bytes.capacity + corpus.offsets.capacity * MemoryLayout<UInt32>.stride
    log("corpus: \(source.count) messages, \(source.byteCount) bytes; repeated \(copies)x: \(corpus.count) messages, \(corpus.byteCount) bytes")
    let rssBeforeChecks = System.status("VmRSS")
    let hwmBeforeChecks = System.status("VmHWM")
    let reset = System.resetPeakRSS()
    let tally = InProcess.pass(ruleset, corpus) // warm-up, and the pass the memory figures cover
    let hwmChecks = System.status("VmHWM")
    let processPeak = max(hwmBeforeChecks, hwmChecks)
    let checkGrowth: Int? = reset ? max(0, hwmChecks - rssBeforeChecks) : nil

    // Naive baseline, built only now so its regexes do not count in the figures above
    let baseline = try NaiveBaseline(ruleset)
    let slice = options.baselineCopies == 1 ? source : source.repeated(toAtLeast: source.byteCount * options.baselineCopies).corpus
    log("baseline: \(baseline.regexCount) regexes; link-domains chunks \(baseline.domainChunks)")
    let naiveTally = baseline.pass(slice) // warm-up

    // Timed runs, in-process, baseline and end to end interleaved so all see the same machine load.
    var inSeconds: [Double] = [], naiveSeconds: [Double] = [], e2eSeconds: [Double] = []
    for _ in 0..<options.runs {
        var t = Tally()
        inSeconds.append(CPUTime.measure { t = InProcess.pass(ruleset, corpus) })
        precondition(t == tally, "an in-process pass decided differently from the warm-up")
        var n = NaiveBaseline.Tally()
        naiveSeconds.append(CPUTime.measure { n = baseline.pass(slice) })
        precondition(n == naiveTally, "a baseline pass found something different from the warm-up")
        e2eSeconds.append(try e2e.run(bigFile).seconds)
    }
    // Each run's time from the interleaved runs, its peak from the early ones (see above).
    let e2eRuns = zip(e2eSeconds, e2eEarly).map { EndToEnd.Run(seconds: $0, peakRSS: $1.peakRSS, exitStatus: $1.exitStatus) }
    log("end to end, interleaved: \(e2eSeconds.map { String(format: "%.3f s", $0) }.joined(separator: ", "))")
    let inProcess = (seconds: inSeconds, tally: tally)
    let naive = (seconds: naiveSeconds, tally: naiveTally)
    log("in-process: \(inSeconds.map { String(format: "%.3f s", $0) }.joined(separator: ", ")); \(tally)")
    log("baseline: \(naiveSeconds.map { String(format: "%.3f s", $0) }.joined(separator: ", ")); \(naiveTally)")

    let splits = InProcess.breakdown(ruleset, source, bytes: max(1, options.repeatMB / 5) * 1_000_000, runs: options.runs)
    log("breakdown: \(splits)")

    let results = Results(
        date: ISO8601DateFormatter().string(from: Date()),
        machine: System.uname(), cpuModel: System.cpuModel(), cores: System.cpuCount(),
        loadBefore: loadBefore, loadAfter: System.loadAverage(),
        swiftVersion: options.swiftVersion ?? "unknown (pass --swift-version)",
        rulesVersion: ruleset.version, ruleCount: ruleset.rules.count, cpu: options.cpu, pinned: pinned,
        sourceMessages: source.count, sourceBytes: source.byteCount, copies: copies,
        messages: corpus.count, bytes: corpus.byteCount, lineBreakMessages: source.messagesWithLineBreaks,
        inProcessSeconds: inProcess.seconds, tally: inProcess.tally, splits: splits,
        rssStart: rssStart, rssBeforeLoad: rssBeforeLoad, rssAfterLoad: rssAfterLoad, hwmAfterLoad: hwmAfterLoad,
        rssBeforeChecks: rssBeforeChecks, checkGrowth: checkGrowth, processPeak: processPeak,
        corpusBuffers: corpusBuffers,
        baselineSeconds: naive.seconds, baselineMessages: slice.count, baselineBytes: slice.byteCount,
        baselineTally: naive.tally, baselineRegexes: baseline.regexCount, domainChunks: baseline.domainChunks,
        pcre2: "PCRE2 \(PCRE2Info.version()), JIT \(PCRE2Info.jitWorks() ? "on" : "unavailable: interpreter")",
        endToEndCommand: e2e.displayCommand, endToEnd: e2eRuns, endToEndFileBytes: fileBytes,
        oneCopyRun: oneCopy, oneMessageRun: oneMessage, spawnerPeak: spawnerPeak)
    let text = results.markdown()
    print(text)
    if let out = options.out {
        // `make bench-service` and `make bench-compare` write their own sections of the file;
        // they are kept as they are.
        let kept = KeptSections.read(from: out)
        guard FileManager.default.createFile(atPath: out, contents: Data((text + kept).utf8)) else {
            throw BenchError("cannot write \(out)")
        }
        log("wrote \(out)")
    }
}

/// `--in-process-only`: the in-process passes alone, for a profiler to look at.
func inProcessOnly(_ options: Options) throws {
    let source = try Corpus.read(tsv: options.corpus)
    let ruleset: Ruleset
    do throws(RulesError) { ruleset = try Ruleset.load(directory: options.rules) } catch {
        throw BenchError("cannot load the rules: \(error)")
    }
    let corpus = source.repeated(toAtLeast: options.repeatMB * 1_000_000).corpus
    let tally = InProcess.pass(ruleset, corpus)
    let rates = (0..<options.runs).map { _ in
        Double(corpus.count) / CPUTime.measure { precondition(InProcess.pass(ruleset, corpus) == tally) }
    }
    log("in-process: \(rates.map { String(format: "%.0f", $0) }.joined(separator: ", ")) messages/s; \(tally)")
}

do {
    try main()
} catch {
    log("\(error)")
    exit(2)
}

/// The sections of BENCHMARKS.md that other targets write (`make bench-service`, `make
/// bench-compare`), each between its two markers.
enum KeptSections {
    static let names = ["bench-service", "bench-compare"]

    /// Each such section in the file at `path`, with its markers and a blank line before it, in
    /// that order; "" when there is none (or no file yet).
    static func read(from path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
        var kept = ""
        for name in names {
            guard let a = text.range(of: "<!-- \(name):start -->"),
                  let b = text.range(of: "<!-- \(name):end -->", range: a.upperBound..<text.endIndex) else { continue }
            kept += "\n" + text[a.lowerBound..<b.upperBound] + "\n"
        }
        return kept
    }
}
