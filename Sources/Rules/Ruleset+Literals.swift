import Matching

extension Ruleset {
    /// Turns raw automaton hits into rule spans: word boundaries, exceptions, longest match,
    /// and `near` pairs, into a scratch `clear()`ed for this message. Prefilter hits go to
    /// `prefiltered`, with the pattern gate they open and where they start.
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
                    scratch.prefiltered.append(GateHit(gate: Int(owner.gate), start: start))
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
            // Ranges are in start order within a group. Each step below is a sweep, never a
            // comparison of every range with every other: a text with thousands of hits of one
            // rule is still checked in time linear in its length.
            let exceptions = group.filter { $0.role == .exception }.map(\.range)
            var exceptionSweep = ContainmentSweep(exceptions)
            switch compiled[rule] {
            case .terms:
                // Into a buffer the scratch keeps: most messages with hits go this way, and
                // building arrays per rule per message was a good part of the check's time.
                scratch.ranges.removeAll(keepingCapacity: true)
                for x in group where x.role == .term && !exceptionSweep.covers(x.range) { scratch.ranges.append(x.range) }
                // Longest match: a term inside a longer one of the same rule is not reported.
                scratch.ranges.sort { ($0.lowerBound, -$0.upperBound) < ($1.lowerBound, -$1.upperBound) }
                let ordered = scratch.ranges
                var reach = Int.min
                var previous: Range<Int>? = nil
                for t in ordered {
                    if t == previous { continue }
                    if reach < t.upperBound { scratch.spans.append(RuleSpan(rule: rule, range: t)) }
                    reach = max(reach, t.upperBound)
                    previous = t
                }
            case .near(let within):
                var firstSweep = ContainmentSweep(exceptions)
                let firsts = group.filter { $0.role == .nearFirst }.map(\.range).filter { !firstSweep.covers($0) }
                let seconds = group.filter { $0.role == .nearSecond }.map(\.range).filter { !exceptionSweep.covers($0) }
                var pairs: [Range<Int>] = []
                for f in firsts {
                    // Seconds after f, nearest first, until too many words lie between.
                    var k = Ruleset.firstIndex(seconds, atOrAfter: f.lowerBound)
                    while k < seconds.count {
                        let s = seconds[k]
                        k += 1
                        if f.overlaps(s) || s.lowerBound < f.upperBound { continue }
                        if wordsBetween(view, f, s) > within { break }
                        pairs.append(f.lowerBound..<max(f.upperBound, s.upperBound))
                    }
                    // Seconds before f, nearest first; a second spans a few words at most.
                    k = Ruleset.firstIndex(seconds, atOrAfter: f.lowerBound) - 1
                    while k >= 0 {
                        let s = seconds[k]
                        k -= 1
                        if wordsBetween(view, s.lowerBound..<s.lowerBound, f) > within + Ruleset.maxTermWords { break }
                        if f.overlaps(s) || s.upperBound > f.lowerBound || wordsBetween(view, f, s) > within { continue }
                        pairs.append(s.lowerBound..<max(f.upperBound, s.upperBound))
                    }
                }
                for merged in Ruleset.merge(pairs) { scratch.spans.append(RuleSpan(rule: rule, range: merged)) }
            default:
                break
            }
            i = j
        }
    }

    /// Words a `near` term may span, bounding how far back a pair is looked for.
    static let maxTermWords = 16

    /// The index of the first range in `ranges` (in start order) starting at or after `offset`.
    static func firstIndex(_ ranges: [Range<Int>], atOrAfter offset: Int) -> Int {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound < offset { low = mid + 1 } else { high = mid }
        }
        return low
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

/// Whether ranges, asked about in start order, lie inside any of a set of ranges (also in
/// start order): one pass over both.
struct ContainmentSweep {
    let outer: [Range<Int>]
    var next = 0
    var reach = Int.min

    init(_ outer: [Range<Int>]) { self.outer = outer }

    /// Whether `r` lies inside one of the outer ranges; `r` must not start before the last asked.
    mutating func covers(_ r: Range<Int>) -> Bool {
        while next < outer.count && outer[next].lowerBound <= r.lowerBound {
            reach = max(reach, outer[next].upperBound)
            next += 1
        }
        return reach >= r.upperBound
    }
}
