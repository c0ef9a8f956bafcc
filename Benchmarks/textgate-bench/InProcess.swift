import Rules

/// What one pass of `Ruleset.check(batch:)` over the corpus decided, so the work cannot be
/// optimised away and the figures can be sanity-checked.
struct Tally: Equatable {
    var allow = 0, warn = 0, block = 0
    var findings = 0
    var invalid = 0

    /// Counts one message's result.
    mutating func count(_ result: Result<Report, InvalidUTF8>) {
        switch result {
        case .success(let report):
            switch report.decision {
            case .allow: allow += 1
            case .warn: warn += 1
            case .block: block += 1
            }
            findings += report.findings.count
        case .failure:
            invalid += 1
        }
    }
}

/// The in-process measurement: the compiled matcher over the in-memory corpus.
enum InProcess {
    /// One pass over every message.
    static func pass(_ ruleset: Ruleset, _ corpus: Corpus) -> Tally {
        // Counted in a closure, not a local function: a variable a local function captures is
        // boxed and checked for exclusive access at run time, on every message.
        var tally = Tally()
        // One batch, as `textgate check --lines` checks each block of lines.
        corpus.withMessages { message in
            ruleset.check(batch: corpus.count, message: message) { _, result in tally.count(result) }
        }
        return tally
    }

    /// A warm-up pass, then `runs` timed passes; returns the seconds of each and the tally.
    static func measure(_ ruleset: Ruleset, _ corpus: Corpus, runs: Int) -> (seconds: [Double], tally: Tally) {
        let tally = pass(ruleset, corpus)
        var seconds: [Double] = []
        for _ in 0..<runs {
            var t = Tally()
            let elapsed = CPUTime.measure { t = pass(ruleset, corpus) }
            precondition(t == tally, "a pass decided differently from the warm-up")
            seconds.append(elapsed)
        }
        return (seconds, tally)
    }

    /// In-process messages/s (median of `runs`) on the ASCII-only messages and on the messages
    /// with non-ASCII bytes (which take the normalising path), each repeated to `bytes`.
    static func breakdown(_ ruleset: Ruleset, _ source: Corpus, bytes: Int, runs: Int) -> [Split] {
        let ascii = source.subset { m in m.allSatisfy { $0 < 0x80 } }
        let other = source.subset { m in m.contains { $0 >= 0x80 } }
        return [("ASCII only", ascii), ("with non-ASCII bytes", other)].compactMap { name, part in
            guard part.count > 0 else { return nil }
            let repeated = part.repeated(toAtLeast: bytes).corpus
            let seconds = measure(ruleset, repeated, runs: runs).seconds
            return Split(name: name, share: Double(part.count) / Double(source.count),
                         rate: Stats(seconds.map { Double(repeated.count) / $0 }).median)
        }
    }

    /// Throughput on one part of the corpus.
    struct Split {
        var name: String
        /// The part's share of the corpus's messages.
        var share: Double
        /// Messages/s, median.
        var rate: Double
    }
}
