import Foundation

/// Everything one benchmark run measured, and its rendering as BENCHMARKS.md.
struct Results {
    // Setup
    var date: String
    var machine: String
    var cpuModel: String
    var cores: Int
    var loadBefore: String
    var loadAfter: String
    var swiftVersion: String
    var rulesVersion: String
    var ruleCount: Int
    var cpu: Int
    var pinned: Bool
    // Corpus
    var sourceMessages: Int
    var sourceBytes: Int
    var copies: Int
    var messages: Int
    var bytes: Int
    var lineBreakMessages: Int
    // In-process
    var inProcessSeconds: [Double]
    var tally: Tally
    var splits: [InProcess.Split]
    var rssStart: Int
    var rssBeforeLoad: Int
    var rssAfterLoad: Int
    var hwmAfterLoad: Int
    var rssBeforeChecks: Int
    var checkGrowth: Int?
    var processPeak: Int
    var corpusBuffers: Int
    // Baseline
    var baselineSeconds: [Double]
    var baselineMessages: Int
    var baselineBytes: Int
    var baselineTally: NaiveBaseline.Tally
    var baselineRegexes: Int
    var domainChunks: [String: Int]
    var pcre2: String
    // End to end
    var endToEndCommand: String
    var endToEnd: [EndToEnd.Run]
    var endToEndFileBytes: Int
    var oneCopyRun: EndToEnd.Run
    var oneMessageRun: EndToEnd.Run
    /// The benchmark's own peak RSS while it spawned the CLI (a floor under the CLI's ru_maxrss).
    var spawnerPeak: Int

    var inProcessRate: Stats { Stats(inProcessSeconds.map { Double(messages) / $0 }) }
    var inProcessMBs: Stats { Stats(inProcessSeconds.map { Double(bytes) / 1e6 / $0 }) }
    var baselineRate: Stats { Stats(baselineSeconds.map { Double(baselineMessages) / $0 }) }
    var baselineMBs: Stats { Stats(baselineSeconds.map { Double(baselineBytes) / 1e6 / $0 }) }
    var endToEndRate: Stats { Stats(endToEnd.map { Double(messages) / $0.seconds }) }
    var endToEndMBs: Stats { Stats(endToEnd.map { Double(bytes) / 1e6 / $0.seconds }) }
    var endToEndPeak: Int { endToEnd.map(\.peakRSS).max() ?? 0 }
    /// Resident memory of the benchmark process at its peak, less the corpus it holds.
    var matcherResident: Int { processPeak - corpusBuffers }

    /// The median over runs of run k's rate (`messages` in `seconds[k]`) divided by the
    /// baseline's in the same run.
    static func medianRatio(_ seconds: [Double], _ baselineSeconds: [Double], _ messages: Int, _ baselineMessages: Int) -> Double {
        let ratios = zip(seconds, baselineSeconds).map { (Double(messages) / $0) / (Double(baselineMessages) / $1) }
        return Stats(ratios).median
    }

    func markdown() -> String {
        let ratioIn = Self.medianRatio(inProcessSeconds, baselineSeconds, messages, baselineMessages)
        let ratioE2E = Self.medianRatio(endToEnd.map(\.seconds), baselineSeconds, messages, baselineMessages)
        let chunks = domainChunks.sorted { $0.key < $1.key }.map { "`\($0.key)` \($0.value)" }.joined(separator: ", ")
        let s = """
        # Benchmarks

        Throughput and memory of `textgate` with the default rules (`rules/`) on the SMS Spam Collection
        (`fixtures/corpus/sms-spam-collection.tsv`), against a naive baseline that runs one PCRE2 regex per rule.

        Command: `make bench` (builds `textgate-bench` and `textgate` in release mode with the Swift
        runtime linked in, `swift build -c release --static-swift-stdlib`, a self-contained binary;
        runs the benchmark and rewrites this file). Both sides of every ratio come from the same
        build.

        | | |
        |---|---|
        | Date | \(date) |
        | Machine | \(machine); \(cpuModel); \(cores) cores online; load average \(loadBefore) before, \(loadAfter) after |
        | Swift | \(swiftVersion) |
        | Rules | `rules/`, \(ruleCount) rules, version `\(rulesVersion.prefix(16))` |
        | Corpus | \(int(sourceMessages)) messages, \(mb(sourceBytes)) MB of message text, repeated \(copies) times: \(int(messages)) messages, \(mb(bytes)) MB |
        | Pinned to | CPU \(cpu)\(pinned ? "" : " (pinning failed: unpinned)") for both the in-process and the end-to-end runs |

        ## Results

        Medians of \(inProcessSeconds.count) timed runs after one warm-up run; min–max in brackets. MB = 10^6 bytes of
        message text (the end-to-end input file adds one newline per message).

        | | In-process `check(batch:)` | End to end (CLI) | Naive baseline (PCRE2 per rule) |
        |---|---:|---:|---:|
        | Messages per run | \(int(messages)) | \(int(messages)) | \(int(baselineMessages)) |
        | Messages/s | **\(int(inProcessRate.median))** (\(int(inProcessRate.min))–\(int(inProcessRate.max))) | **\(int(endToEndRate.median))** (\(int(endToEndRate.min))–\(int(endToEndRate.max))) | **\(int(baselineRate.median))** (\(int(baselineRate.min))–\(int(baselineRate.max))) |
        | MB/s | \(f1(inProcessMBs.median)) | \(f1(endToEndMBs.median)) | \(f2(baselineMBs.median)) |
        | Ratio vs baseline | **\(f1(ratioIn))×** | **\(f1(ratioE2E))×** | 1× |
        | Peak RSS | \(mb(processPeak)) MB with the \(mb(corpusBuffers)) MB corpus buffers; **\(mb(matcherResident)) MB without** (runtime \(mb(rssStart)) + ruleset \(mb(rssAfterLoad - rssBeforeLoad))\(checkGrowth.map { " + checking \(mb($0))" } ?? "")) | \(mb(endToEndPeak)) MB on the \(mb(endToEndFileBytes)) MB file; **\(mb(oneCopyRun.peakRSS)) MB** on one copy (\(mb(sourceBytes + sourceMessages)) MB) | (not measured) |

        Decisions per in-process pass (sanity check): \(int(tally.allow)) allow, \(int(tally.warn)) warn, \(int(tally.block)) block,
        \(int(tally.findings)) findings\(tally.invalid > 0 ? ", \(tally.invalid) invalid UTF-8" : ""). The baseline flagged \(int(baselineTally.flaggedMessages)) of its
        \(int(baselineMessages)) messages\(baselineTally.limitHits > 0 ? " and hit a PCRE2 limit \(baselineTally.limitHits) times" : "") (its regexes are cruder, so the counts differ).

        In-process by kind of message (each part repeated to about a tenth of the corpus size):
        \(splits.map { "\($0.name) (\(f1($0.share * 100)) % of messages): \(int($0.rate)) messages/s" }.joined(separator: "; ")).
        Messages with non-ASCII bytes are validated first; those whose characters normalisation leaves
        alone (£, ü) are scanned as they are, the others (curly quotes, Ü, …) are normalised and
        rescanned, and their capitals are counted over Unicode scalars. They are also the longer,
        spammier messages of the corpus, with more findings.

        Memory in the benchmark process: \(mb(rssStart)) MB resident at start (Swift runtime and Foundation),
        \(mb(rssAfterLoad)) MB after loading the rules (+\(mb(rssAfterLoad - rssBeforeLoad)) MB for the loaded ruleset; \(mb(hwmAfterLoad)) MB peak
        while reading, compiling and self-testing it), \(checkGrowth.map { "+\(mb($0)) MB more at peak while checking" } ?? "check-loop growth not measurable (clear_refs unavailable)").
        The end-to-end CLI reads its input in 1 MB blocks and writes each JSON record as it goes, so
        its peak does not grow with the input; a single message costs \(f3(oneMessageRun.seconds)) s and \(mb(oneMessageRun.peakRSS)) MB
        (process start, rules load and self-test), included in every end-to-end run.

        ## Targets

        | Target | In-process | End to end |
        |---|---|---|
        | ≥ 1,000,000 messages/s on one core | \(met(inProcessRate.median >= 1e6)) (\(int(inProcessRate.median))) | \(met(endToEndRate.median >= 1e6)) (\(int(endToEndRate.median))) |
        | ≥ 100× the naive baseline | \(met(ratioIn >= 100)) (\(f1(ratioIn))×) | \(met(ratioE2E >= 100)) (\(f1(ratioE2E))×) |
        | < 50 MB resident with the default rules | \(met(matcherResident < 50_000_000)) (\(mb(matcherResident)) MB, corpus buffers excluded; \(mb(processPeak)) MB with them) | \(met(oneCopyRun.peakRSS < 50_000_000)) on one corpus copy (\(mb(oneCopyRun.peakRSS)) MB); \(met(endToEndPeak < 50_000_000)) on the \(mb(endToEndFileBytes)) MB file (\(mb(endToEndPeak)) MB) |

        Where the end-to-end time goes: of a median run (\(f3(Double(messages) / endToEndRate.median)) s), \(f3(oneMessageRun.seconds)) s
        (\(f1(oneMessageRun.seconds * endToEndRate.median / Double(messages) * 100)) %) is process start, rules load and self-test, paid once per
        run; the rest, reading the file and writing JSON Lines included, goes at
        \(int(Double(messages) / max(0.001, Double(messages) / endToEndRate.median - oneMessageRun.seconds))) messages/s, against
        \(int(inProcessRate.median)) in-process.

        ## How it's measured

        `textgate-bench` reads the corpus's message column (header skipped\(lineBreakMessages > 0 ? "; \(lineBreakMessages) messages had CR/LF, replaced by spaces" : "; no message contains CR or LF")),
        repeats it to at least 50 MB and keeps it as one contiguous byte buffer with an offset table, so the
        check loop allocates nothing per message of its own. It pins itself to one CPU with
        `sched_setaffinity`, loads the rules with `Ruleset.load(directory:)`, runs one warm-up pass, then
        times \(inProcessSeconds.count) passes of `ruleset.check(batch:)` over every message in one batch (the automaton keeps two messages in flight; the CLI checks each block of lines the same way), in the
        thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), counting decisions and findings so nothing is optimised away. Peak memory is `VmHWM`
        from `/proc/self/status` after the warm-up pass and before the baseline is built; "without the corpus buffers" subtracts
        the buffer and offset table sizes from it.

        The naive baseline runs in the same process, on the same core, on \(baselineMessages == sourceMessages ? "one copy of the corpus" : "\(baselineMessages / sourceMessages) copies of the corpus (\(int(baselineMessages)) messages)")
        (one warm-up pass, then \(baselineSeconds.count) timed passes, each right after a timed in-process pass so both
        see the same machine load): one `Matching.PCRE2Regex` (JIT, UTF, match limits)
        per rule, `matches(in:)` per rule per message (\(pcre2)). `terms` rules become `(?i)\\b(?:t1|t2|…)\\b` of escaped terms;
        `near` rules two regexes, `\\b(?:first…)\\b\\W+(?:\\w+\\W+){0,N}?\\b(?:second…)\\b` and the reverse order;
        `pattern` rules their patterns joined with `|`; `link-domains` rules `(?i)\\b(?:[a-z0-9-]+\\.)*(?:d1|d2|…)\\b`
        split into as few equal chunks as PCRE2 compiles (a default PCRE2 build caps a compiled pattern at 64K
        code units; chunks needed here: \(chunks)); `link-policy` a generic URL regex plus a lookup of the host in the
        allowed domains; `caps-ratio` the match counts of `[A-Z]` and `[A-Za-z]`. \(baselineRegexes) regexes in all.
        The ratio is the median over the timed runs of each run's in-process (or end-to-end) messages/s
        divided by the messages/s of the baseline pass timed beside it, so that a change in the machine's load
        during the benchmark falls on both sides of each ratio.

        End to end, the repeated corpus is written one message per line to a temporary file (\(mb(endToEndFileBytes)) MB), and
        `\(endToEndCommand)` is run (spawned with `posix_spawn`,
        timed as the child's CPU time, user and system, from `wait4`'s rusage, so process start, rules load
        and self-test, reading the file and writing JSON Lines are all included): \(endToEnd.count) timed runs, each
        right after a timed baseline pass, so that the end-to-end ratio too compares runs under the same machine load.
        Peak RSS is the child's `ru_maxrss` from `wait4`, taken from \(endToEnd.count) other runs after a warm-up run:
        Linux carries the spawning process's peak into the child's `ru_maxrss` across `exec`, so those
        runs happen first, while the benchmark process is at \(mb(spawnerPeak)) MB (before the rules
        and the 50 MB corpus are loaded)\(min(oneMessageRun.peakRSS, oneCopyRun.peakRSS) > spawnerPeak ? "; every CLI figure above is larger than that floor, so none is inflated by it" : "; CLI figures at that value are an upper bound").
        The resident set counts the pages of the executable that the process touched, as well as its own
        memory. The release link packs the executable's relative relocations (DT_RELR, see Package.swift),
        so a start reads kilobytes of relocation records instead of megabytes.

        Machines running other work are noisy: every time is the CPU time of the measured thread or
        process, not wall time, so work elsewhere on the machine changes it far less (though a shared
        core's caches still do); medians are reported, with the spread in brackets.

        """
        return s
    }

    private func met(_ ok: Bool) -> String { ok ? "met" : "**not met**" }
    private func int(_ x: Double) -> String { int(Int(x.rounded())) }
    private func int(_ x: Int) -> String {
        let digits = String(x.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 ? "-" : "") + out
    }
    private func mb(_ bytes: Int) -> String { f1(Double(bytes) / 1e6) }
    private func f1(_ x: Double) -> String { String(format: "%.1f", x) }
    private func f2(_ x: Double) -> String { String(format: "%.2f", x) }
    private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
}
