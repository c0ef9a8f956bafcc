import Foundation
import Testing
import Matching

@Suite("Literal automaton")
struct LiteralAutomatonTests {
    struct Hit: Hashable, CustomStringConvertible {
        var literal: String, start: Int, end: Int
        var description: String { "\(literal)@\(start)..<\(end)" }
    }

    /// All hits of `literals` in `text`, with their starts, plus the byte counts.
    func scan(_ literals: [String], _ text: String) -> (hits: Set<Hit>, counts: ByteCounts) {
        let automaton = LiteralAutomaton(patterns: literals.map { Array($0.utf8) })
        var raw: [LiteralHit] = []
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            let counts = automaton.scan(buf, hits: &raw)
            let hits = raw.map { Hit(literal: literals[Int($0.pattern)], start: automaton.start(of: $0, in: buf), end: $0.end) }
            return (Set(hits), counts)
        }
    }

    @Test("finds all overlapping literals in one pass")
    func overlapping() {
        let found = scan(["he", "she", "his", "hers"], "ushers").hits
        #expect(found == [Hit(literal: "she", start: 1, end: 4), Hit(literal: "he", start: 2, end: 4),
                          Hit(literal: "hers", start: 2, end: 6)])
    }

    @Test("the same literal is found every time it occurs")
    func repeated() {
        #expect(scan(["cbd"], "cbd, cbd and cbd").hits.map(\.start).sorted() == [0, 5, 13])
    }

    @Test("matching is ASCII case-insensitive")
    func caseInsensitive() {
        #expect(scan(["he", "she", "his", "hers"], "USHERS").hits == scan(["he", "she", "his", "hers"], "ushers").hits)
        #expect(scan(["order now"], "ORDER Now").hits == [Hit(literal: "order now", start: 0, end: 9)])
    }

    @Test("a run of white space matches one space in a literal", arguments: [
        ("order   now", 0, 11),
        ("please order \t\n now!", 7, 19),
        ("   order now", 3, 12),
    ])
    func whiteSpaceRun(text: String, start: Int, end: Int) {
        #expect(scan(["order now"], text).hits == [Hit(literal: "order now", start: start, end: end)])
    }

    @Test("start(of:) walks back over collapsed spaces when the literal restarts")
    func restartAfterSpaces() {
        #expect(scan(["ab cd"], "ab  ab   cd").hits == [Hit(literal: "ab cd", start: 4, end: 11)])
    }

    @Test("a literal with a space does not match without one")
    func spaceIsRequired() {
        #expect(scan(["order now"], "ordernow").hits.isEmpty)
    }

    @Test(".-_* are one separator class", arguments: ["c.b.d", "c-b-d", "c_b_d", "c*b*d", "C-B.D"])
    func separators(text: String) {
        #expect(scan(["c.b.d"], "x \(text) y").hits == [Hit(literal: "c.b.d", start: 2, end: 7)])
    }

    @Test("a space is not a separator")
    func spaceIsNotSeparator() {
        #expect(scan(["c.b.d"], "c b d").hits.isEmpty)
    }

    @Test("counts letters, capitals, link anchors, controls, braces and non-ASCII in the same pass")
    func byteCounts() {
        let counts = scan(["zzz"], "Hello WORLD. {{x}} é:\t ok\n\u{7F}").counts
        var expected = ByteCounts()
        expected.letters = 13  // Hello WORLD x ok
        expected.upper = 6     // H WORLD
        expected.linkAnchors = 0 // a `.` or `:` alone is not where a link hangs
        expected.controls = 2  // the tab and DEL, not the line feed
        expected.braces = 2    // {{
        expected.nonASCII = 2  // the two bytes of é
        #expect(counts == expected)
        #expect(scan(["zzz"], "plain ascii").counts.nonASCII == 0)
        // Counted per 4095-byte chunk and summed: a control far into a long text still counts.
        #expect(scan(["zzz"], String(repeating: "word ", count: 3_000) + "\u{1B}").counts.controls == 1)
    }

    @Test("link anchors are a dot between host-label bytes, or ://", arguments: [
        ("see x.com now", 1), ("https://a", 1), ("ok... then", 0), ("2.30pm", 1), ("a_.b", 0), ("a-.b", 1), ("a.-b", 1),
        ("é.x", 1), ("x:/ /", 0), ("a.b.c", 2), (".a", 0), ("a.", 0), ("ftp://x.y", 2),
    ])
    func linkAnchors(text: String, anchors: Int) {
        #expect(scan(["zzz"], text).counts.linkAnchors == anchors)
        #expect(referenceAnchors(Array(text.utf8)) == anchors)
    }

    /// Link anchors counted the plain way: a `.` between two host-label bytes, or `://`.
    func referenceAnchors(_ t: [UInt8]) -> Int {
        func label(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b == 0x2D || b >= 0x80 }
        var n = 0
        for i in t.indices {
            if t[i] == 0x2E, i > 0, i + 1 < t.count, label(t[i - 1]), label(t[i + 1]) { n += 1 }
            if t[i] == 0x3A, i + 2 < t.count, t[i + 1] == 0x2F, t[i + 2] == 0x2F { n += 1 }
        }
        return n
    }

    @Test("the automaton's link anchors agree with the plain count on every corpus message")
    func linkAnchorsOnCorpus() throws {
        let tsv = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/fixtures/corpus/sms-spam-collection.tsv",
                             encoding: .utf8)
        let automaton = LiteralAutomaton(patterns: [Array("zzz".utf8)])
        var differ = 0
        for line in tsv.split(separator: "\n").dropFirst() {
            let text = Array((line.split(separator: "\t", maxSplits: 1).last ?? "").utf8)
            var hits: [LiteralHit] = []
            let counts = text.withUnsafeBufferPointer { automaton.scan($0, hits: &hits) }
            if counts.linkAnchors != referenceAnchors(text) { differ += 1 }
        }
        #expect(differ == 0)
    }

    @Test("counts stay right past the scanner's internal chunk size")
    func longText() {
        let text = String(repeating: "A", count: 70_000) + String(repeating: "b", count: 70_000) + "{."
        let result = scan(["ab"], text)
        #expect(result.counts.letters == 140_000)
        #expect(result.counts.upper == 70_000)
        #expect(result.counts.braces == 1)
        #expect(result.counts.linkAnchors == 0)
        #expect(result.hits == [Hit(literal: "ab", start: 69_999, end: 70_001)])
    }

    @Test("an empty text has no hits and zero counts")
    func emptyText() {
        let result = scan(["cbd"], "")
        #expect(result.hits.isEmpty)
        #expect(result.counts == ByteCounts())
    }
}
