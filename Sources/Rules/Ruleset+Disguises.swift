import Matching

extension Ruleset {
    /// The terms written in disguise in `view`, as spans of `view`: with digits or symbols for
    /// letters (`c4nn4b1s`, `$ativa`), found in a view that reads each as its letter, and with
    /// letters written apart (`c.b.d`, `w e e d`), found in a view that joins them. A view is
    /// made only for a message that has such a place, as its scan's `counts` show (their
    /// survey), so most messages cost no more than that scan. A span counts only where the
    /// view differs from the text: a stand-in term must hold a letter of the message (a time,
    /// a price or a phone number never matches), and a joined one must span letters written apart
    /// (and may hold stand-ins too).
    func disguisedTerms(_ view: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts) -> [RuleSpan] {
        let survey = DisguiseSurvey(counts)
        let readings = StandIns.readings(survey.standIns)
        let apart = survey.triple && Separators.mayHaveRun(view)
        guard !readings.isEmpty || apart else { return [] }
        var spans = standInSpans(view, readings)
        let runs = apart ? Separators.runs(view) : []
        guard !runs.isEmpty else { return spans }
        // A run that starts or ends with a one-letter word (`buy a w e e d`) is also read with
        // that word kept apart: joined, it would hide the term behind it (`aweed`).
        for keepingEdgeWords in Separators.hasEdgeWord(view, runs) ? [false, true] : [false] {
            let joined = Separators.joined(view, runs: runs, keepingEdgeWords: keepingEdgeWords)
            let origin = joined.origin
            let found = joined.bytes.withUnsafeBufferPointer { joinedView in
                var hits: [LiteralHit] = []
                let survey = DisguiseSurvey(scanJoined(joinedView, hits: &hits))
                // Letters written apart with stand-ins among them (`c-4-n-n-4-b-1-s`): the joined
                // view read as the stand-in views read a text (`c4nn4b1s`), its survey from the
                // same scan.
                return termSpans(joinedView, hits[...]) + standInSpans(joinedView, StandIns.readings(survey.standIns), joined: true)
            }
            for span in found {
                let lower = Int(origin[span.range.lowerBound]), upper = Int(origin[span.range.upperBound - 1]) + 1
                // A span within the text as written is the plain scan's to find.
                guard upper - lower != span.range.count else { continue }
                spans.append(RuleSpan(rule: span.rule, range: lower..<upper))
            }
        }
        return spans
    }

    /// The spans of terms written with stand-ins in `view`, found in its views of `readings`;
    /// the long forms without separators too when `view` is a joined view.
    /// A view that may hold a term (`TermWords.mayHoldTerm`) is written into one buffer, on the
    /// stack for a short message, and scanned.
    private func standInSpans(_ view: UnsafeBufferPointer<UInt8>, _ readings: [StandIns.Reading], joined: Bool = false) -> [RuleSpan] {
        guard !readings.isEmpty else { return [] }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(view.count, 1)) { buffer in
            var spans: [RuleSpan] = []
            let folded = UnsafeBufferPointer(rebasing: buffer[0..<view.count])
            for reading in readings {
                // Most views change only words no term has (`150p`, `4u`): nothing to write or scan.
                // A closure, not the method itself: a method reference copies `termWords` (and retains
                // each of its tables) on every call.
                guard StandIns.withView(view, reading, { termWords.mayHoldTerm($0) }) else { continue }
                StandIns.fold(view, reading, into: buffer)
                for span in termSpans(folded, changedFrom: view, joined: joined) where StandIns.isDisguisedWord(view, folded, span.range) {
                    spans.append(span)
                }
            }
            return spans
        }
    }

    /// The spans of the `terms` and `near` rules in `view` (a view of a message, not the
    /// message: its pattern and link rules have run on the message itself). Given the text
    /// the view reads (`changedFrom`), none unless a term's literal covers a byte the view
    /// changed: the others are the plain scan's, and most stand-in views have none, so their
    /// hits are not resolved again. With `joined`, the joined views' automaton is scanned too.
    private func termSpans(_ view: UnsafeBufferPointer<UInt8>, changedFrom text: UnsafeBufferPointer<UInt8>,
                           joined: Bool) -> [RuleSpan] {
        var hits: [LiteralHit] = []
        _ = joined ? scanJoined(view, hits: &hits) : automaton.scan(view, hits: &hits)
        guard hits.contains(where: { coversChange($0, view, text) }) else { return [] }
        return termSpans(view, hits[...])
    }

    /// The scan of a joined view: the main automaton's (its counts are returned) and the long
    /// forms without separators, which are the joined views' own automaton's.
    private func scanJoined(_ view: UnsafeBufferPointer<UInt8>, hits: inout [LiteralHit]) -> ByteCounts {
        let counts = automaton.scan(view, hits: &hits)
        _ = joinedAutomaton.scan(view, hits: &hits)
        return counts
    }

    /// The spans of the `terms` and `near` rules among the `hits` of a scan of `view`.
    private func termSpans(_ view: UnsafeBufferPointer<UInt8>, _ hits: ArraySlice<LiteralHit>) -> [RuleSpan] {
        guard !hits.isEmpty else { return [] }
        var scratch = CheckScratch()
        resolveLiterals(view, hits, &scratch)
        return scratch.spans
    }

    /// Whether `hit`, found in `view`, is of a term's literal and covers a byte where `view`
    /// differs from `text`.
    private func coversChange(_ hit: LiteralHit, _ view: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let literal = Int(hit.pattern)
        guard owners[Int(ownerStart[literal])..<Int(ownerStart[literal + 1])].contains(where: {
            $0.role == .term || $0.role == .nearFirst || $0.role == .nearSecond
        }) else { return false }
        var i = automaton.start(of: hit, in: view)
        while i < hit.end {
            if view[i] != text[i] { return true }
            i += 1
        }
        return false
    }

    /// Adds to `spans` each disguised span that no span of its rule already overlaps: a term
    /// found both as written and in a view, or in two views, is reported once. Sorted sweeps
    /// and binary searches, so thousands of spans cost no more than sorting them.
    static func add(disguised: [RuleSpan], to spans: inout [RuleSpan]) {
        guard !disguised.isEmpty else { return }
        // The plain spans of each rule in start order, with the furthest end up to each.
        let plain = spans.sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
        var reach: [Int] = []
        reach.reserveCapacity(plain.count)
        for (k, s) in plain.enumerated() {
            let before = k > 0 && plain[k - 1].rule == s.rule ? reach[k - 1] : Int.min
            reach.append(max(before, s.range.upperBound))
        }
        func overlapsPlain(_ d: RuleSpan) -> Bool {
            // The last plain span of d's rule that starts before d ends.
            var low = 0, high = plain.count
            while low < high {
                let mid = (low + high) / 2
                if (plain[mid].rule, plain[mid].range.lowerBound) < (d.rule, d.range.upperBound) { low = mid + 1 } else { high = mid }
            }
            return low > 0 && plain[low - 1].rule == d.rule && reach[low - 1] > d.range.lowerBound
        }
        var rule = -1, kept = Int.min
        for d in disguised.sorted(by: { ($0.rule, $0.range.lowerBound, -$0.range.upperBound) < ($1.rule, $1.range.lowerBound, -$1.range.upperBound) }) {
            if d.rule != rule { rule = d.rule; kept = Int.min }
            guard d.range.lowerBound >= kept, !overlapsPlain(d) else { continue }
            spans.append(d)
            kept = d.range.upperBound
        }
    }
}
