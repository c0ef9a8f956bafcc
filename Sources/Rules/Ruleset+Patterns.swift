import Matching

extension Ruleset {
    /// Runs the regexes of each pattern gate that is open (one of its prefilter literals
    /// occurred, or it has none), adding their spans to `scratch`; a rule whose regex hit a
    /// PCRE2 limit is added to `incomplete`. The prefilter hits are sorted by gate and start
    /// once, so each gate's are one run of them, already in the order its anchored regexes try
    /// them, and only the gates a hit opened are visited (unless some gate has no prefilter).
    /// Without `mayHaveLink` (no link anchor in `view`), no gate of a rule that `requires_link` runs;
    /// a gate that `requires` another runs only when that one is open too.
    func runPatterns(_ view: UnsafeBufferPointer<UInt8>, mayHaveLink: Bool, _ scratch: inout CheckScratch,
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
}
