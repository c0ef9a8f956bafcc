import Testing
import Matching

@Suite("Literal automaton: word starts and batches")
struct LiteralAutomatonWordStartTests {
    struct Hit: Hashable, Comparable, CustomStringConvertible {
        var pattern: Int32, end: Int
        var description: String { "\(pattern)@\(end)" }
        static func < (a: Hit, b: Hit) -> Bool { (a.end, a.pattern) < (b.end, b.pattern) }
    }

    func hits(_ automaton: LiteralAutomaton, _ text: [UInt8]) -> [Hit] {
        var raw: [LiteralHit] = []
        _ = text.withUnsafeBufferPointer { automaton.scan($0, hits: &raw) }
        return raw.map { Hit(pattern: $0.pattern, end: $0.end) }.sorted()
    }

    @Test("a word-start literal is not found inside a word")
    func insideWord() {
        let automaton = LiteralAutomaton(patterns: [Array("she".utf8), Array("he".utf8)], atWordStart: [true, true])
        #expect(hits(automaton, Array("ushers".utf8)).isEmpty)
        #expect(hits(automaton, Array("she, he".utf8)) == [Hit(pattern: 0, end: 3), Hit(pattern: 1, end: 7)])
        #expect(hits(automaton, Array("x-she 9he".utf8)) == [Hit(pattern: 0, end: 5)])
    }

    @Test("a literal that starts with a non-word byte needs no word start")
    func nonWordStart() {
        let automaton = LiteralAutomaton(patterns: [Array("% off".utf8)], atWordStart: [true])
        #expect(hits(automaton, Array("20% off".utf8)) == [Hit(pattern: 0, end: 7)])
    }

    @Test("free literals are still found inside words next to word-start ones")
    func mixed() {
        let automaton = LiteralAutomaton(patterns: [Array("percent".utf8), Array("perc".utf8)], atWordStart: [false, true])
        #expect(hits(automaton, Array("20percent".utf8)) == [Hit(pattern: 0, end: 9)])
        #expect(hits(automaton, Array("percent".utf8)) == [Hit(pattern: 1, end: 4), Hit(pattern: 0, end: 7)])
    }

    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func text(_ alphabet: [UInt8], _ length: Int) -> [UInt8] {
            (0..<length).map { _ in alphabet[next(alphabet.count)] }
        }
    }

    @Test("word-start hits are exactly the free hits whose byte before is not a word byte")
    func matchesFilteredFreeScan() {
        var g = Generator(state: 42)
        let alphabet = Array("abAB -.,1é".utf8)
        for round in 0..<300 {
            let literals = (0..<(1 + g.next(6))).map { _ in
                var l = g.text(Array("ab-. 1".utf8), 1 + g.next(4))
                while l.first == 0x20 || l.last == 0x20 { l = g.text(Array("ab-1".utf8), 1 + g.next(3)) }
                return l.map { $0 == 0x20 ? 0x20 : $0 }
            }
            let flags = literals.map { _ in g.next(3) > 0 }
            let free = LiteralAutomaton(patterns: literals)
            let anchored = LiteralAutomaton(patterns: literals, atWordStart: flags)
            let text = g.text(alphabet, g.next(40))
            let expected = text.withUnsafeBufferPointer { buf in
                hits(free, text).filter { h in
                    guard flags[Int(h.pattern)] else { return true }
                    let start = free.start(of: LiteralHit(pattern: h.pattern, end: h.end), in: buf)
                    return start == 0 || !LiteralAutomaton.isWordByte(buf[start - 1]) || !LiteralAutomaton.isWordByte(literals[Int(h.pattern)][0])
                }
            }
            #expect(hits(anchored, text) == expected, "round \(round): \(literals.map { String(decoding: $0, as: UTF8.self) }) \(flags) in \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test("a batch scan gives each text exactly what a scan of it alone gives")
    func batchMatchesSingle() {
        var g = Generator(state: 7)
        let literals = ["cbd", "order now", "c.b.d", "% off", "percent", "ab"].map { Array($0.utf8) }
        let automaton = LiteralAutomaton(patterns: literals, atWordStart: [true, true, true, true, false, true])
        var texts: [[UInt8]] = [[], Array("CBD order  now".utf8), Array(repeating: 0x61, count: 5_000) + Array(" cbd x.com".utf8)]
        for _ in 0..<200 { texts.append(g.text(Array("cbd ordernw%f.-:/xé".utf8), g.next(120))) }
        texts.append(Array(repeating: 0x20, count: 4_095) + Array("cbd".utf8))
        let buffers = texts.map { t -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(t.count, 1))
            _ = b.initialize(from: t)
            return b
        }
        defer { buffers.forEach { $0.deallocate() } }
        let views = texts.indices.map { UnsafeBufferPointer(rebasing: buffers[$0][0..<texts[$0].count]) }
        var batch = [BatchResult](repeating: BatchResult(), count: texts.count)
        var allHits: [LiteralHit] = []
        views.withUnsafeBufferPointer { v in
            batch.withUnsafeMutableBufferPointer { r in automaton.scan(batch: v, results: r, hits: &allHits) }
        }
        var results: [Int: (ByteCounts, [LiteralHit])] = [:]
        for (i, r) in batch.enumerated() { results[i] = (r.counts, Array(allHits[r.hits])) }
        #expect(batch.map(\.hits.count).reduce(0, +) == allHits.count, "every hit belongs to one text")
        #expect(results.count == texts.count)
        for (i, t) in texts.enumerated() {
            var single: [LiteralHit] = []
            let counts = t.withUnsafeBufferPointer { automaton.scan($0, hits: &single) }
            #expect(results[i]?.0 == counts, "counts of text \(i)")
            #expect(results[i]?.1 == single, "hits of text \(i)")
        }
    }
}
