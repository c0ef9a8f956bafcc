import Testing
@testable import Matching

@Suite("Literal automaton tables by size")
struct LiteralAutomatonSizeTests {
    /// `count` distinct lowercase literals of `length` letters, from a fixed seed.
    static func literals(_ count: Int, length: Int) -> [[UInt8]] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var seen = Set<[UInt8]>()
        var out: [[UInt8]] = []
        while out.count < count {
            var word: [UInt8] = []
            for _ in 0..<length {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                word.append(0x61 + UInt8((seed >> 33) % 26))
            }
            if seen.insert(word).inserted { out.append(word) }
        }
        return out
    }

    /// Every literal of `patterns` that `automaton` finds in a text holding each of `probes`
    /// once, between spaces, as (literal, end) pairs.
    static func hits(_ automaton: LiteralAutomaton, _ probes: [[UInt8]]) -> Set<[Int]> {
        let text = Array(probes.joined(separator: [0x20]))
        var raw: [LiteralHit] = []
        _ = text.withUnsafeBufferPointer { automaton.scan($0, hits: &raw) }
        return Set(raw.map { [Int($0.pattern), $0.end] })
    }

    @Test("an automaton of 65,536 states or more has 32-bit entries and finds what a 16-bit one would")
    func wideEntries() {
        let words = Self.literals(7_000, length: 12)
        let large = LiteralAutomaton(patterns: words)
        #expect(large.stateCount > 65_535)
        #expect(!large.wide.isEmpty && large.narrow.isEmpty)
        let small = LiteralAutomaton(patterns: Array(words.prefix(500)))
        #expect(small.stateCount <= 65_535)
        #expect(!small.narrow.isEmpty && small.wide.isEmpty)
        // The first 500 literals, and some that are not literals, found alike by both.
        let probes = Array(words.prefix(500)) + Self.literals(50, length: 11)
        let expected = Set((0..<500).map { [$0, 13 * $0 + 12] })
        #expect(Self.hits(large, probes) == expected)
        #expect(Self.hits(small, probes) == expected)
        // The same literals limited to word starts.
        let anchored = LiteralAutomaton(patterns: words, atWordStart: [Bool](repeating: true, count: words.count))
        #expect(anchored.stateCount > 65_535)
        #expect(!anchored.wide.isEmpty)
        #expect(Self.hits(anchored, probes) == expected)
    }
}
