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
            var view = [UInt8](repeating: 0, count: text.count)
            return view.withUnsafeMutableBufferPointer { out in
                guard let changed = StandIns.fold(text, reading, into: out) else { return false }
                return ruleset.termWords.mayHoldTerm(UnsafeBufferPointer(out), changedFrom: text, within: changed)
            }
        }
    }

    @Test("a view reports the bytes it changed, from the first to the last, so only they are compared")
    func changedRange() {
        func fold(_ text: String) -> (view: String, changed: Range<Int>?) {
            let bytes = Array(text.utf8)
            var out = [UInt8](repeating: 0, count: bytes.count)
            let changed = bytes.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { StandIns.fold(b, .usual, into: $0) } }
            return (String(decoding: out, as: UTF8.self), changed)
        }
        #expect(fold("We ship w33d overnight.").changed == 9..<11)
        #expect(fold("y0u h4v3 w0n").changed == 1..<11)
        #expect(fold("Your visit is Tuesday.").changed == nil)
        #expect(fold("We ship w33d overnight.").view == "We ship weed overnight.")
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
