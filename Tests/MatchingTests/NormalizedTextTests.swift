import Testing
@testable import Matching

@Suite("Normalised text keeps its way back to the original")
struct NormalizedTextTests {
    /// The normalised bytes as a string.
    func text(_ n: NormalizedText) -> String { String(decoding: n.bytes, as: UTF8.self) }

    /// The byte range of `needle` in the normalised text.
    func range(of needle: String, in n: NormalizedText) throws -> Range<Int> {
        let hay = n.bytes, pin = Array(needle.utf8)
        let start = try #require((0...(hay.count - pin.count)).first { Array(hay[$0..<$0 + pin.count]) == pin },
                                 "\"\(needle)\" not in \"\(text(n))\"")
        return start..<start + pin.count
    }

    @Test("Cyrillic lookalikes and a zero-width space read as cbd and map back to the original scalars")
    func cyrillicAndZeroWidth() throws {
        let original = "Buy \u{0421}\u{200B}\u{0412}D now"  // Cyrillic С, ZWSP, Cyrillic В
        let n = NormalizedText(original)
        #expect(text(n) == "buy cbd now")
        let scalars = n.originalScalars(try range(of: "cbd", in: n))
        #expect(scalars == 4..<8)
        let all = Array(original.unicodeScalars)
        #expect(String(String.UnicodeScalarView(all[scalars])) == "\u{0421}\u{200B}\u{0412}D")
    }

    @Test("a combining mark followed later by ASCII is valid UTF-8 and is dropped")
    func combiningThenASCII() throws {
        let bytes = Array("cafe\u{301} CBD ok".utf8)
        let normalized = try #require(bytes.withUnsafeBufferPointer { NormalizedText(validating: $0) })
        #expect(String(decoding: normalized.bytes, as: UTF8.self) == "cafe cbd ok")
        // A broken sequence after the mark is still refused.
        let broken = Array("cafe\u{301} ok".utf8) + [0xC3]
        #expect(broken.withUnsafeBufferPointer { NormalizedText(validating: $0) } == nil)
    }

    @Test("fullwidth letters fold to ASCII under NFKC")
    func fullwidth() throws {
        let n = NormalizedText("Try ＣＢＤ oil")
        #expect(text(n) == "try cbd oil")
        #expect(n.originalScalars(try range(of: "cbd", in: n)) == 4..<7)
        // Each fullwidth letter is 3 bytes in the original.
        #expect(Array(n.originalByteOffset.prefix(8)) == [0, 1, 2, 3, 4, 7, 10, 13])
    }

    @Test("a soft hyphen inside a word is removed")
    func softHyphen() throws {
        let n = NormalizedText("can\u{00AD}nabis")
        #expect(text(n) == "cannabis")
        #expect(n.originalScalars(0..<8) == 0..<9)
    }

    @Test("ß and capitals are case-folded")
    func caseFolding() {
        #expect(text(NormalizedText("STRASSE")) == "strasse")
        let n = NormalizedText("Straße")
        #expect(text(n) == "strasse")
        // Both "s" bytes that stand for ß map to the one original scalar.
        #expect(n.originalScalars(4..<6) == 4..<5)
        #expect(text(NormalizedText("ÉCOLE Ωmega")) == "ecole ωmega")
    }

    @Test("an emoji before a term keeps scalar and byte offsets right", arguments: [
        ("😀 cbd", 2),
        ("👍🏽 cbd", 3),  // emoji with a skin-tone modifier: two scalars
        ("👨\u{200D}👩\u{200D}👧 cbd", 6),  // ZWJ family: five scalars, the joiners are invisible
    ])
    func emojiBeforeTerm(original: String, termStart: Int) throws {
        let n = NormalizedText(original)
        let scalars = n.originalScalars(try range(of: "cbd", in: n))
        #expect(scalars == termStart..<termStart + 3)
        let utf8Start = original.utf8.count - 3
        #expect(Int(n.originalByteOffset[termStart]) == utf8Start)
        #expect(Int(n.originalByteOffset.last!) == original.utf8.count)
    }

    @Test("a combining accent is dropped, and its letter maps to both original scalars")
    func combiningAccent() throws {
        let n = NormalizedText("Cafe\u{0301} cbd")
        #expect(text(n) == "cafe cbd")
        #expect(n.originalScalars(try range(of: "fe", in: n)) == 2..<5)
        #expect(n.originalScalars(try range(of: "cbd", in: n)) == 6..<9)
    }

    @Test("smart quotes read as ASCII quotes")
    func smartQuotes() {
        #expect(text(NormalizedText("don’t “ok” ‘x’ „y“")) == "don't \"ok\" 'x' \"y\"")
    }

    @Test("dashes and the minus sign read as a hyphen", arguments: ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"])
    func dashes(dash: String) {
        let folded = text(NormalizedText("delta\(dash)8"))
        #expect(folded == "delta-8")
    }

    @Test("an empty range maps to an empty original range")
    func emptyRange() {
        let n = NormalizedText("é x")
        #expect(n.originalScalars(2..<2).isEmpty)
        #expect(n.originalScalars(n.bytes.count..<n.bytes.count) == 3..<3)
    }
}
