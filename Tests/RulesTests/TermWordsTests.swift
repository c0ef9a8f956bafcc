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
        return bytes.withUnsafeBufferPointer { text in
            StandIns.folded(text, reading).withUnsafeBufferPointer { ruleset.termWords.mayHoldTerm($0, changedFrom: text) }
        }
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
