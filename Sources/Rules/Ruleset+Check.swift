import Matching

extension Ruleset {
    /// The most findings of one rule a report lists; the rest are counted in `Report.omitted`.
    /// It keeps a report (and the work of building it) bounded by the rules, not the text.
    public static let findingsPerRule = 100

    /// Checks one message against every rule, as it would go out on `channel`.
    public func check(_ text: String, channel: Channel = .sms) -> Report {
        check(text, channel: channel, allowing: nil)
    }

    /// Checks one message as `check(_:channel:)` does, with links to `extra` allowed as well:
    /// the same report as `allowing(domains:)` would give, without compiling the rules again.
    public func check(_ text: String, channel: Channel = .sms, allowing extra: AllowedDomains?) -> Report {
        var copy = text
        let extra = extra?.isEmpty == false ? extra : nil
        return copy.withUTF8 { bytes in
            do throws(InvalidUTF8) {
                var hits: [LiteralHit] = []
                let counts = automaton.scan(bytes, hits: &hits)
                var scratch = CheckScratch()
                return try report(scanned: bytes, counts, hits[...], &scratch, channel: channel, allowing: extra) ?? cleanReport
            } catch {
                // A Swift string is always valid UTF-8.
                preconditionFailure("a String held invalid UTF-8: \(error)")
            }
        }
    }

    /// Checks one message given as UTF-8 bytes, without copying it into a `String`.
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    public func check(utf8 bytes: UnsafeBufferPointer<UInt8>, channel: Channel = .sms) throws(InvalidUTF8) -> Report {
        var hits: [LiteralHit] = []
        let counts = automaton.scan(bytes, hits: &hits)
        var scratch = CheckScratch()
        return try report(scanned: bytes, counts, hits[...], &scratch, channel: channel) ?? cleanReport
    }

    /// The report of a message from a scan of its bytes as they are, or nil when it has no
    /// findings (its report is `cleanReport`). That scan is what the
    /// matcher sees for pure ASCII text, and for text that normalisation would change only in
    /// the case of ASCII letters (which the automaton folds itself); any other text, or text
    /// that is not UTF-8, goes through the normalising path instead.
    func report(scanned bytes: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts, _ hits: ArraySlice<LiteralHit>,
                _ scratch: inout CheckScratch, channel: Channel = .sms,
                allowing extra: AllowedDomains? = nil) throws(InvalidUTF8) -> Report? {
        let report: Report?
        var inert = false
        if !Ruleset.scansAsWritten(bytes, counts) {
            report = try checkNormalizing(utf8: bytes, &scratch, allowing: extra)
        } else {
            inert = counts.nonASCII > 0
            report = evaluate(view: bytes, counts: counts, hits: hits,
                              original: OriginalText(bytes: bytes, normalized: nil, inert: inert, counts: counts), &scratch,
                              allowing: extra)
        }
        return withControls(report, bytes, channel, counts)
    }

    /// Whether a check scans `bytes` as they are: pure ASCII, or text that normalisation would
    /// change only in the case of ASCII letters (which the automaton folds itself). Any other
    /// text is scanned in its normalised form (`normalized(_:)`).
    static func scansAsWritten(_ bytes: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts) -> Bool {
        counts.nonASCII == 0 || UTF8Inertness(bytes) == .inert
    }

    /// The normalised form of `bytes`, which a check scans when it cannot scan them as they are.
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) -> NormalizedText {
        guard let normalized = NormalizedText(validating: bytes) else {
            throw InvalidUTF8(byteOffset: UTF8Check.firstInvalidByte(bytes) ?? 0)
        }
        return normalized
    }

    /// `report` with the control characters of `bytes` added (the built-in check of every path).
    /// Unrendered placeholders are added too (`UnrenderedPlaceholders`).
    /// `counts` are those of `bytes`: the scan's counts decide most messages without another pass.
    func withControls(_ report: Report?, _ bytes: UnsafeBufferPointer<UInt8>, _ channel: Channel,
                      _ counts: ByteCounts) -> Report? {
        var report = report
        if counts.braces > 0 || UnrenderedPlaceholders.hasDoubleParenthesis(bytes) {
            let unrendered = UnrenderedPlaceholders.findings(bytes)
            if !unrendered.isEmpty { report = (report ?? cleanReport).adding(unrendered) }
        }
        guard counts.controls > 0 || (counts.nonASCII > 0 && ControlCharacters.mayHaveOutsideASCII(bytes)) else { return report }
        let controls = ControlCharacters.findings(bytes, channel: channel)
        guard !controls.isEmpty else { return report }
        return (report ?? cleanReport).adding(controls)
    }

    /// The worst severity of the rules named.
    func incompleteSeverity(_ ids: [String]) -> Severity {
        var worst = Severity.info
        for id in ids { if let r = rules.first(where: { $0.id == id }), r.severity > worst { worst = r.severity } }
        return worst
    }

    /// The full path for text with non-ASCII bytes: validated and normalised in one pass, then
    /// the normalised text is scanned. It gives any text its report; `report(scanned:)` takes it
    /// only for text it cannot scan as it is, and its shortcut must agree with it.
    func checkNormalizing(utf8 bytes: UnsafeBufferPointer<UInt8>, channel: Channel = .sms) throws(InvalidUTF8) -> Report {
        var scratch = CheckScratch()
        return withControls(try checkNormalizing(utf8: bytes, &scratch), bytes, channel, ByteCounts(counting: bytes)) ?? cleanReport
    }

    /// `checkNormalizing(utf8:)` with buffers kept from an earlier check; nil for no findings.
    func checkNormalizing(utf8 bytes: UnsafeBufferPointer<UInt8>, _ scratch: inout CheckScratch,
                          allowing extra: AllowedDomains? = nil) throws(InvalidUTF8) -> Report? {
        let normalized = try Ruleset.normalized(bytes)
        let counts = ByteCounts(counting: bytes)
        return normalized.bytes.withUnsafeBufferPointer { view in
            var hits: [LiteralHit] = []
            let viewCounts = automaton.scan(view, hits: &hits)
            return evaluate(view: view, counts: viewCounts, hits: hits[...],
                            original: OriginalText(bytes: bytes, normalized: normalized, inert: false, counts: counts), &scratch,
                            allowing: extra)
        }
    }

    /// Checks two messages in one interleaved pass (faster than two calls); each result is
    /// exactly what `check(utf8:)` gives for that message.
    public func check(utf8 a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
        -> (Result<Report, InvalidUTF8>, Result<Report, InvalidUTF8>) {
        var results: [Result<Report, InvalidUTF8>] = []
        check(batch: 2, message: { $0 == 0 ? a : b }) { _, result in results.append(result) }
        return (results[0], results[1])
    }

    /// The report of a scanned message, or nil when it has no findings.
    func evaluate(view: UnsafeBufferPointer<UInt8>, counts: ByteCounts, hits: ArraySlice<LiteralHit>,
                  original: OriginalText, _ scratch: inout CheckScratch, allowing extra: AllowedDomains? = nil) -> Report? {
        // Terms written in disguise, found in views of the text (most messages need none).
        let disguised = disguisedTerms(view, counts)
        // The `model` rules whose models score the text above their thresholds (most: none).
        var modelled: [Int] = []
        for (k, m) in models.enumerated()
        where m.model.score(view, mayHaveLink: counts.linkAnchors > 0) > m.model.threshold {
            modelled.append(k)
        }
        // Most messages: no literal, no link, no placeholder, no regex to run, no model's
        // finding, and capitals that the counts alone show are not shouting.
        if hits.isEmpty && disguised.isEmpty && counts.linkAnchors == 0 && counts.braces == 0 && !patternsAlwaysRun
            && modelled.isEmpty && capsLimits.allSatisfy({ !Ruleset.mayShout(original, $0) }) {
            return nil
        }
        scratch.clear()
        for k in modelled {
            scratch.spans.append(RuleSpan(rule: models[k].rule, range: models[k].model.strongest(view, mayHaveLink: counts.linkAnchors > 0)))
        }
        var incomplete: [String] = []
        if !hits.isEmpty { resolveLiterals(view, hits, &scratch) }
        if !disguised.isEmpty { Ruleset.add(disguised: disguised, to: &scratch.spans) }
        if patternsAlwaysRun || !scratch.prefiltered.isEmpty {
            runPatterns(view, mayHaveLink: counts.linkAnchors > 0, &scratch, &incomplete)
        }
        var links: [LinkMatch] = []
        if counts.linkAnchors > 0, !linkRules.isEmpty || !capsRules.isEmpty {
            // Inert text is scanned with its capitals, where normalised text has none: links are
            // found as they would be in its normalised form.
            links = linkExtractor.links(in: view, asIfLowercased: original.inert)
        }
        if !links.isEmpty {
            // Read in place: a copied domain set would retain each of its arrays, per link.
            linkSets.withUnsafeBufferPointer { sets in
                for link in links {
                    // A link a `link-domains` rule names (a shortener) is reported once, by that
                    // rule, not again as merely off-domain.
                    var named = false
                    for (k, r) in linkRules.enumerated() where !sets[k].allowed && sets[k].domains.contains(host: link.host) {
                        scratch.spans.append(RuleSpan(rule: r, range: link.range))
                        named = true
                    }
                    guard !named else { continue }
                    // Allowed only when the host the browser opens is: a look-alike of an
                    // allowed host reads as that host in the folded text, but opens another site.
                    let opened = original.normalized.map { linkExtractor.browserHost(of: link, in: $0, original: original.bytes) }
                    // A `link-policy` rule also allows the check's extra domains, if any.
                    func allowed(_ k: Int, _ host: String) -> Bool {
                        sets[k].domains.contains(host: host) || extra?.contains(host: host) == true
                    }
                    for (k, r) in linkRules.enumerated() where sets[k].allowed && !(allowed(k, link.host)
                        && opened.map({ allowed(k, $0) }) ?? true) {
                        scratch.spans.append(RuleSpan(rule: r, range: link.range))
                    }
                }
            }
        }
        if !capsRules.isEmpty { checkCaps(view, counts, links, original, into: &scratch.spans) }
        guard !scratch.spans.isEmpty || !incomplete.isEmpty else { return nil }
        var omitted: [String: Int] = [:]
        let found = findings(&scratch.spans, ScalarMap(original), omitted: &omitted)
        return Report(rulesVersion: version, findings: found, incomplete: incomplete,
                      incompleteSeverity: incompleteSeverity(incomplete), omitted: omitted)
    }

    /// Runs the regexes of each pattern gate that is open (one of its prefilter literals
    /// occurred, or it has none), adding their spans to `scratch`; a rule whose regex hit a
    /// PCRE2 limit is added to `incomplete`. The prefilter hits are sorted by gate and start
    /// once, so each gate's are one run of them, already in the order its anchored regexes try
    /// them, and only the gates a hit opened are visited (unless some gate has no prefilter).
    /// Without `mayHaveLink` (no link anchor in `view`), no gate of a rule that `requires_link` runs;
    /// a gate that `requires` another runs only when that one is open too.
    private func runPatterns(_ view: UnsafeBufferPointer<UInt8>, mayHaveLink: Bool, _ scratch: inout CheckScratch,
                             _ incomplete: inout [String]) {
        if scratch.prefiltered.count > 1 { scratch.prefiltered.sort { ($0.gate, $0.start) < ($1.gate, $1.start) } }
        let prefiltered = scratch.prefiltered
        /// The end of gate `g`'s run of hits that starts at `first`.
        func run(of g: Int, from first: Int) -> Int {
            var end = first
            while end < prefiltered.count && prefiltered[end].gate == g { end += 1 }
            return end
        }
        /// Whether one of gate `g`'s literals occurs: a search in `prefiltered`, sorted by gate.
        func isOpen(_ g: Int) -> Bool {
            var low = 0, high = prefiltered.count
            while low < high {
                let mid = (low + high) / 2
                if prefiltered[mid].gate < g { low = mid + 1 } else { high = mid }
            }
            return low < prefiltered.count && prefiltered[low].gate == g
        }
        /// Whether gate `g`, once open, may match this text.
        func mayMatch(_ g: Int) -> Bool {
            (mayHaveLink || !patternGates[g].requiresLink) && (patternGates[g].requires.map(isOpen) ?? true)
        }
        var next = 0
        if patternsAlwaysRun {
            for g in patternGates.indices {
                let end = run(of: g, from: next)
                if (end > next || !patternGates[g].needsPrefilter) && mayMatch(g) {
                    runGate(g, view, prefiltered[next..<end], &scratch, &incomplete)
                }
                next = end
            }
        } else {
            while next < prefiltered.count {
                let g = prefiltered[next].gate, end = run(of: g, from: next)
                if mayMatch(g) { runGate(g, view, prefiltered[next..<end], &scratch, &incomplete) }
                next = end
            }
        }
    }

    /// Runs pattern gate `g`'s regexes: its searches over `view`, its anchored ones where its
    /// prefilter `hits` start. Gates are read in place: a copied gate would retain its arrays,
    /// for every gate of every message with a literal.
    private func runGate(_ g: Int, _ view: UnsafeBufferPointer<UInt8>, _ hits: ArraySlice<GateHit>,
                         _ scratch: inout CheckScratch, _ incomplete: inout [String]) {
        let data = scratch.matchData
        patternGates.withUnsafeBufferPointer { gates in
            let r = gates[g].rule
            do throws(PCRE2Error) {
                for regex in gates[g].search where scratch.hasDigitRun(regex.requiredDigitRun, in: view) {
                    try regex.forEachMatch(in: view, data: data) { m in
                        if !m.isEmpty { scratch.spans.append(RuleSpan(rule: r, range: m)) }
                    }
                }
                if !gates[g].atNumbers.isEmpty {
                    let starts = scratch.numberStarts(in: view)
                    for regex in gates[g].atNumbers where scratch.hasDigitRun(regex.requiredDigitRun, in: view) {
                        try regex.forEachMatch(in: view, startingAt: starts, data: data) { m in
                            if !m.isEmpty { scratch.spans.append(RuleSpan(rule: r, range: m)) }
                        }
                    }
                }
                if !gates[g].anchored.isEmpty {
                    scratch.starts.removeAll(keepingCapacity: true)
                    for hit in hits { scratch.starts.append(hit.start) }
                    for regex in gates[g].anchored where scratch.hasDigitRun(regex.requiredDigitRun, in: view) {
                        try regex.forEachMatch(in: view, startingAt: scratch.starts, data: data) { m in
                            if !m.isEmpty { scratch.spans.append(RuleSpan(rule: r, range: m)) }
                        }
                    }
                }
            } catch {
                if !incomplete.contains(rules[r].id) { incomplete.append(rules[r].id) }
            }
        }
    }

    /// The findings of `spans`, which are sorted and rid of repeats in place; past
    /// `Ruleset.findingsPerRule` of one rule, the rest are counted in `omitted` instead.
    private func findings(_ unique: inout [RuleSpan], _ original: ScalarMap, omitted: inout [String: Int]) -> [Finding] {
        // The same span can come twice (two literals of one rule); a few spans: sort, not hash.
        unique.sort { ($0.rule, $0.range.lowerBound, $0.range.upperBound) < ($1.rule, $1.range.lowerBound, $1.range.upperBound) }
        var w = 0, run = 0
        var previous: RuleSpan? = nil
        for i in unique.indices {
            let span = unique[i]
            if span == previous { continue }
            run = previous?.rule == span.rule ? run + 1 : 1
            previous = span
            if run > Ruleset.findingsPerRule {
                omitted[rules[span.rule].id, default: 0] += 1
                continue
            }
            unique[w] = span
            w += 1
        }
        unique.removeLast(unique.count - w)
        let scalars = unique.map { original.scalars($0.range) }
        let places = original.places(scalars)
        // Findings go out by start, rule id and end. Rules are sorted by id, so the rule's index
        // stands for its id: integers are compared, and no finding is moved once built.
        var order = Array(unique.indices)
        if order.count > 1 {
            order.sort { (scalars[$0].lowerBound, unique[$0].rule, scalars[$0].upperBound)
                < (scalars[$1].lowerBound, unique[$1].rule, scalars[$1].upperBound) }
        }
        var out: [Finding] = []
        out.reserveCapacity(unique.count)
        for k in order {
            // Fields are read one by one: copying the whole rule would retain all of its parts.
            let r = unique[k].rule
            let place = places[k]
            out.append(Finding(rule: rules[r].id, category: rules[r].category, severity: rules[r].severity,
                               message: rules[r].message, match: original.text(scalars[k]), start: scalars[k].lowerBound,
                               end: scalars[k].upperBound, line: place.line, column: place.column, endLine: place.endLine,
                               endColumn: place.endColumn, suggestion: rules[r].suggestion))
        }
        return out
    }
}

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

/// UTF-8 validation that says where the text goes wrong.
public enum UTF8Check {
    /// The offset of the first byte of an invalid sequence, or nil when all is valid.
    public static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // ASCII needs no decoding: skip to the first byte that is not.
        var offset = 0
        while offset < bytes.count && bytes[offset] < 0x80 { offset += 1 }
        guard offset < bytes.count else { return nil }
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
