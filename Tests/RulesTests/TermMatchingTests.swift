import Testing
import Rules

@Suite("Term rules through Ruleset.check")
struct TermMatchingTests {
    @Test("near-misses of cannabis terms are not flagged", arguments: [
        ("Take it for pain relief.", "Try Releaf for pain."),
        ("Your CBC is normal.", "Your CBD is ready."),
        ("Your child is due for the MMR shot.", "Ask about MMJ cards."),
        ("Seaweed snacks are fine.", "No weed before surgery."),
    ])
    func nearMisses(clean: String, flagged: String) throws {
        let rules = try Package.defaultRules()
        #expect(rules.findings(clean, category: "cannabis").isEmpty)
        #expect(rules.findings(flagged, category: "cannabis").count == 1)
    }

    @Test("spaced, dotted and hyphenated letters are flagged where they are written", arguments: [
        ("Our new c.b.d balm", "c.b.d", 8),
        ("Try C B D for pain", "C B D", 4),
        ("Try c-b-d for pain", "c-b-d", 4),
        ("Try C. B. D. today", "C. B. D", 4),
        ("Try C_B_D for pain", "C_B_D", 4),
    ])
    func spacedLetters(text: String, match: String, start: Int) throws {
        let hits = try Package.defaultRules().findings(text, rule: "cannabis")
        try #require(hits.count == 1)
        #expect(hits[0].match == match)
        #expect(hits[0].start == start)
        #expect(hits[0].end == start + match.unicodeScalars.count)
        #expect(hits[0].column == start + 1)
    }

    @Test("lookalike letters, invisible characters and fullwidth forms are flagged with offsets into the original")
    func disguised() throws {
        let rules = try Package.defaultRules()
        let cases: [(String, String, Int)] = [
            ("Buy \u{0421}\u{200B}\u{0412}D now", "\u{0421}\u{200B}\u{0412}D", 4),
            ("😀😀 Ask about ＣＢＤ", "ＣＢＤ", 13),
            ("Café: can\u{00AD}nabis", "can\u{00AD}nabis", 6),
            ("Ask about \u{0441}bd oil", "\u{0441}bd", 10),
        ]
        for (text, match, start) in cases {
            let hits = rules.findings(text, rule: "cannabis")
            #expect(hits.map(\.match) == [match], "\(text)")
            #expect(hits.first?.start == start, "\(text)")
            #expect(hits.first?.end == start + match.unicodeScalars.count, "\(text)")
        }
    }

    @Test("line and column count from the start of the finding's line")
    func lineAndColumn() throws {
        let hits = try Package.defaultRules().findings("Hello.\nSecond line\nTry é CBD", rule: "cannabis")
        try #require(hits.count == 1)
        #expect((hits[0].line, hits[0].column) == (3, 7))
        #expect((hits[0].endLine, hits[0].endColumn) == (3, 10))
        #expect(hits[0].start == 25)
    }

    @Test("exceptions only cover the words they name")
    func exceptions() throws {
        let rules = try Package.defaultRules()
        #expect(rules.findings("Weed pollen is high today.", rule: "cannabis").isEmpty)
        #expect(rules.findings("Weed pollen is high; smoking weed is not advised.", rule: "cannabis").map(\.match) == ["weed"])
    }

    @Test("a term inside a longer word is not flagged", arguments: ["ABCD form", "thcx", "hashtag", "abcd"])
    func wordBoundaries(text: String) throws {
        #expect(try Package.defaultRules().findings("Bring your \(text) today", rule: "cannabis").isEmpty)
    }

    @Test("dashes typed by autocorrect still join a hyphenated term", arguments: ["Delta–8 gummies", "Delta—8 gummies", "Delta‑8 gummies"])
    func autocorrectDashes(text: String) throws {
        let hits = try Package.defaultRules().findings(text, rule: "cannabis")
        #expect(hits.count == 1)
    }
}
