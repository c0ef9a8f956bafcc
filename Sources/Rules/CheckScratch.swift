import Matching

/// Buffers a check reuses from one message to the next, so that checking a batch allocates
/// per message only what its report keeps.
struct CheckScratch {
    /// Rule matches in bytes of the scanned text.
    var spans: [RuleSpan] = []
    /// Prefilter hits, with the pattern gate they open and where they start.
    var prefiltered: [GateHit] = []
    /// Literal hits of rules, on word boundaries, before exceptions and pairing.
    var found: [(rule: Int, role: LiteralOwner.Role, range: Range<Int>)] = []
    /// One rule's term matches, while `resolveLiterals` picks the longest.
    var ranges: [Range<Int>] = []
    /// One pattern gate's prefilter starts, while `runPatterns` tries its anchored regexes there.
    var starts: [Int] = []
    /// The match data this check's regexes share, made when the first regex runs.
    lazy var matchData = PCRE2MatchData()
    /// How much of this message's digit runs is known (see `hasDigitRun`): a run this long
    /// was seen, and, when `digitRunsAll`, none longer exists.
    private var digitRunSeen = 0
    private var digitRunsAll = false

    /// Whether `view`, the text of this message, has a run of at least `length` ASCII digits:
    /// a regex that needs one (`PCRE2Regex.requiredDigitRun`) cannot match without it. The
    /// scan stops at the first such run, and what it learnt is kept for the next regex.
    mutating func hasDigitRun(_ length: Int, in view: UnsafeBufferPointer<UInt8>) -> Bool {
        if length <= digitRunSeen { return true }
        if digitRunsAll { return false }
        var run = 0, longest = 0
        for b in view {
            run = b &- 0x30 < 10 ? run &+ 1 : 0
            if run >= length { digitRunSeen = run; return true }
            longest = run > longest ? run : longest
        }
        digitRunSeen = longest
        digitRunsAll = true
        return false
    }

    /// Where this message's runs of ASCII digits start, in increasing order: found once, when
    /// a regex tried at them first runs.
    private var numbers: [Int] = []
    private var numbersFound = false

    /// Where the runs of ASCII digits of `view`, the text of this message, start. The same pass
    /// measures the runs, so `hasDigitRun` need not read the text again.
    mutating func numberStarts(in view: UnsafeBufferPointer<UInt8>) -> [Int] {
        if numbersFound { return numbers }
        numbers.removeAll(keepingCapacity: true)
        var run = 0, longest = 0
        for i in view.indices {
            if view[i] &- 0x30 < 10 {
                if run == 0 { numbers.append(i) }
                run &+= 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        numbersFound = true
        digitRunSeen = longest
        digitRunsAll = true
        return numbers
    }

    /// Empties the buffers for the next message, keeping their storage.
    mutating func clear() {
        // Most messages leave them empty: skip the general removal then.
        if !spans.isEmpty { spans.removeAll(keepingCapacity: true) }
        if !prefiltered.isEmpty { prefiltered.removeAll(keepingCapacity: true) }
        if !found.isEmpty { found.removeAll(keepingCapacity: true) }
        digitRunSeen = 0
        digitRunsAll = false
        numbersFound = false
    }
}

/// A prefilter literal's hit: the index of the pattern gate it opens, and where it starts in
/// the scanned text.
struct GateHit: Sendable {
    var gate: Int
    var start: Int
}

/// A rule's match, in byte offsets of the scanned (possibly normalised) text.
struct RuleSpan: Hashable, Sendable {
    var rule: Int
    var range: Range<Int>
}
