import Matching
import Testing
@testable import Rules

/// The word check that lets a stand-in view go unscanned: never wrong when a term is there,
/// and passing over the numbers and units of ordinary messages.
struct TermWordsTests {
    /// Whether the word check keeps the view of `text` (normalised, as a check reads it) in `reading`.
    func mayHoldTerm(_ text: String, _ reading: StandIns.Reading = .usual) throws -> Bool {
        let ruleset = try Package.defaultRules()
        let raw = Array(text.utf8)
        let bytes = try #require(raw.withUnsafeBufferPointer { NormalizedText(validating: $0) }).bytes
        return bytes.withUnsafeBufferPointer { StandIns.withView($0, reading, ruleset.termWords.mayHoldTerm) }
    }

    @Test("a view read where asked is the view written out, and it changes only stand-ins", arguments: [
        "We ship w33d overnight.", "y0u h4v3 w0n", "Your visit is Tuesday.", "now! A+ h!$ |ol de t! m!$$ 1|1 @ +",
    ])
    func viewReadWhereAsked(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            for reading in StandIns.Reading.allCases {
                let written = StandIns.folded(b, reading)
                StandIns.withView(b, reading) { view in
                    #expect(b.indices.map { view[$0] } == written, "\(reading)")
                    #expect(b.indices.filter { view.changes($0) } == b.indices.filter { written[$0] != b[$0] }, "\(reading)")
                }
            }
        }
    }

    @Test("a view reads each stand-in as its letter")
    func viewReadsLetters() {
        let weed = Array("We ship w33d overnight.".utf8).withUnsafeBufferPointer { StandIns.folded($0, .usual) }
        #expect(String(decoding: weed, as: UTF8.self) == "We ship weed overnight.")
        let alcohol = Array("a1coho1".utf8).withUnsafeBufferPointer { StandIns.folded($0, .other) }
        #expect(String(decoding: alcohol, as: UTF8.self) == "alcohol")
    }

    @Test("a term with stand-ins, alone or among words, keeps its view, and the check finds it", arguments: [
        "Reply now: y0u h4v3 w0n a cruise.", "Your ch4nc3 70 w1n is here.", "We ship w33d overnight.",
        "Try our $ativa strain.", "Buy c@nn@b!s today", "c4nn4b1s",
    ])
    func termsKeepTheirView(text: String) throws {
        #expect(try mayHoldTerm(text))
        #expect(try !Package.defaultRules().check(text).findings.isEmpty)
    }

    @Test("numbers, prices and units change only words no term has", arguments: [
        "Call 08712460324 now, 150p/msg", "Your visit is at 10:30am, copay $45", "See you 2nite at 8pm 4 dinner",
    ])
    func ordinaryNumbersPass(text: String) throws {
        #expect(try !mayHoldTerm(text))
    }

    @Test("every term of the built-in rules, its vowels written as digits in a sentence, keeps its view")
    func everyTerm() throws {
        var missed: [String] = []
        for rule in try Package.defaultRules().rules {
            guard case .terms(let terms, _) = rule.kind else { continue }
            for term in terms {
                guard let written = Disguises.vowelDigits(term) else { continue }
                let text = "Hello, \(written) today."
                if try !StandIns.Reading.allCases.contains(where: { try mayHoldTerm(text, $0) }) { missed.append(text) }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(10))")
    }
}
