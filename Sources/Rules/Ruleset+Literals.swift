import Matching

extension Ruleset {
    /// Turns raw automaton hits into rule spans: word boundaries, exceptions, longest match,
    /// and `near` pairs, into a scratch `clear()`ed for this message. Prefilter hits go to
    /// `prefiltered`, with the rule and where they start.
    func resolveLiterals(_ view: UnsafeBufferPointer<UInt8>, _ hits: ArraySlice<LiteralHit>, _ scratch: inout CheckScratch) {
        for hit in hits {
            let literal = Int(hit.pattern)
            let start = automaton.start(of: hit, in: view)
            let edge = edges[literal]
            let bounded = (edge & 1 == 0 || start == 0 || !TermForm.isWord(view[start - 1]))
                && (edge & 2 == 0 || hit.end == view.count || !TermForm.isWord(view[hit.end]))
            for o in Int(ownerStart[literal])..<Int(ownerStart[literal + 1]) {
                let owner = owners[o]
                if owner.role == .prefilter {
                    scratch.prefiltered.append(RuleSpan(rule: Int(owner.rule), range: start..<hit.end))
                } else if bounded {
                    scratch.found.append((Int(owner.rule), owner.role, start..<hit.end))
                }
            }
        }
        guard !scratch.found.isEmpty else { return }
        scratch.found.sort { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
        let found = scratch.found
        var i = 0
        while i < found.count {
            let rule = found[i].rule
            var j = i
            while j < found.count && found[j].rule == rule { j += 1 }
            let group = found[i..<j]
            let exceptions = group.filter { $0.role == .exception }.map(\.range)
            func excepted(_ r: Range<Int>) -> Bool {
                exceptions.contains { $0.lowerBound <= r.lowerBound && r.upperBound <= $0.upperBound }
            }
            switch compiled[rule] {
            case .terms:
                let terms = group.filter { $0.role == .term && !excepted($0.range) }.map(\.range)
                for t in terms where !terms.contains(where: { $0 != t && $0.lowerBound <= t.lowerBound && t.upperBound <= $0.upperBound }) {
                    scratch.spans.append(RuleSpan(rule: rule, range: t))
                }
            case .near(let within):
                let firsts = group.filter { $0.role == .nearFirst && !excepted($0.range) }.map(\.range)
                let seconds = group.filter { $0.role == .nearSecond && !excepted($0.range) }.map(\.range)
                var pairs: [Range<Int>] = []
                for f in firsts {
                    for s in seconds where !f.overlaps(s) && wordsBetween(view, f, s) <= within {
                        pairs.append(min(f.lowerBound, s.lowerBound)..<max(f.upperBound, s.upperBound))
                    }
                }
                for merged in Ruleset.merge(pairs) { scratch.spans.append(RuleSpan(rule: rule, range: merged)) }
            default:
                break
            }
            i = j
        }
    }

    /// Number of words strictly between two non-overlapping ranges.
    func wordsBetween(_ view: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        let from = min(a.upperBound, b.upperBound) == a.upperBound && a.upperBound <= b.lowerBound ? a.upperBound : b.upperBound
        let to = from == a.upperBound ? b.lowerBound : a.lowerBound
        var words = 0
        var inWord = false
        var k = from
        while k < to {
            let w = TermForm.isWord(view[k])
            if w && !inWord { words += 1 }
            inWord = w
            k += 1
        }
        return words
    }

    /// Overlapping ranges joined.
    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, last.upperBound > r.lowerBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
