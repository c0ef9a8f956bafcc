import Matching

extension Ruleset {
    /// Applies `caps-ratio` rules. Pure-ASCII text is decided from the scan's counts alone unless
    /// it is close to shouting; only then are words compared with the allow-list.
    func checkCaps(_ view: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts, _ links: [LinkMatch],
                   _ original: OriginalText, into spans: inout [RuleSpan]) {
        var excluded: [Range<Int>] = []
        if !links.isEmpty || counts.braces > 0 {
            excluded = links.map { $0.range }
            if counts.braces > 0 { excluded += Placeholders.ranges(in: view) }
            excluded = Ruleset.merge(excluded)
        }
        for (k, r) in capsRules.enumerated() {
            let maxRatio = capsLimits[k].maxRatio, minLetters = capsLimits[k].minLetters
            // Bounds from the scan's counts decide most messages without looking at words:
            // capitals can only be ASCII capitals or non-ASCII characters, and letters are at
            // least the ASCII letters outside links and placeholders.
            var letters = original.counts.letters, upper = original.counts.upper
            for x in excluded {
                for b in view[x] {
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { letters -= 1 }
                    if b >= 0x41 && b <= 0x5A { upper -= 1 }
                }
            }
            guard Ruleset.mayShout(original, letters: letters, upper: upper, capsLimits[k]) else { continue }
            var excludedScalars: [Range<Int>] = []
            if !excluded.isEmpty {
                let map = ScalarMap(original)
                excludedScalars = excluded.map { map.scalars($0) }
            }
            guard case .caps(_, _, let allow) = compiled[r] else { continue }
            let count = CapsCounter.count(original.bytes, ascii: original.isASCII, excluding: excludedScalars, allow: allow)
            guard count.letters >= minLetters, Double(count.upper) > maxRatio * Double(count.letters) else { continue }
            var from = 0, to = view.count
            while from < to && LiteralAutomaton.isSpace(view[from]) { from += 1 }
            while to > from && LiteralAutomaton.isSpace(view[to - 1]) { to -= 1 }
            spans.append(RuleSpan(rule: r, range: from..<to))
        }
    }
}

extension Ruleset {
    /// Whether a message may be over a caps rule's limits, judged from counts alone: `letters`
    /// and `upper` are its ASCII counts outside links and placeholders (all of them by default).
    static func mayShout(_ original: OriginalText, letters: Int? = nil, upper: Int? = nil, _ limits: CapsLimits) -> Bool {
        let letters = letters ?? original.counts.letters, upper = upper ?? original.counts.upper
        // Only pure ASCII text can be decided from its ASCII counts: in any other text,
        // inert or normalised, non-ASCII letters (Ü in ÜBER) count as well.
        if original.isASCII {
            return letters >= limits.minLetters && Double(upper) > limits.maxRatio * Double(letters)
        }
        let possible = Double(original.counts.upper + original.counts.nonASCII)
        return possible > limits.maxRatio * Double(limits.minLetters) && possible > limits.maxRatio * Double(letters)
    }
}
