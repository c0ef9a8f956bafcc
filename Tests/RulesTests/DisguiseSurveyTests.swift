import Foundation
import Matching
import Testing
@testable import Rules

@Suite("The disguise survey found by the scan is the one a pass of its own over the bytes finds")
struct DisguiseSurveyTests {
    /// The survey as a separate pass computes it: the `touching` flags of every two neighbouring
    /// bytes, and the triple from the text's tokens (runs of word bytes, and single symbols):
    /// three single ones in a row with one to three other bytes between each two.
    static func reference(_ bytes: [UInt8]) -> UInt8 {
        var flags: UInt8 = 0, previous: UInt8 = 0
        for b in bytes {
            let k = StandIns.kind[Int(b)]
            flags |= StandIns.touching[Int(previous << 4 | k)]
            previous = k
        }
        // Each token: where it is, and whether it is single (a symbol, or a word of one
        // character: one byte that is not a UTF-8 continuation byte, a stray continuation byte
        // at a word's start counting as one).
        var tokens: [(range: Range<Int>, single: Bool)] = []
        var i = 0
        while i < bytes.count {
            let start = i
            if Separators.isWordPart(bytes[i]) {
                while i < bytes.count && Separators.isWordPart(bytes[i]) { i += 1 }
                let characters = bytes[start..<i].enumerated().filter { $0.offset == 0 || $0.element < 0x80 || $0.element >= 0xC0 }.count
                tokens.append((start..<i, characters <= 1))
            } else {
                i += 1
                if Separators.isSymbol(bytes[start]) { tokens.append((start..<i, true)) }
            }
        }
        func apart(_ a: (range: Range<Int>, single: Bool), _ b: (range: Range<Int>, single: Bool)) -> Bool {
            a.single && b.single && (1...3).contains(b.range.lowerBound - a.range.upperBound)
        }
        let triple = tokens.count >= 3 && (2..<tokens.count).contains { k in
            apart(tokens[k - 2], tokens[k - 1]) && apart(tokens[k - 1], tokens[k])
        }
        return flags | (triple ? DisguiseSurvey.tripleFlag : 0)
    }

    /// Texts that exercise every kind of byte: the corpus, and random strings of stand-ins,
    /// letters, separators and non-ASCII bytes, some longer than the batch scan takes.
    static func texts() throws -> [[UInt8]] {
        let corpus = try String(contentsOfFile: Package.path("fixtures/corpus/sms-spam-collection.tsv"), encoding: .utf8)
        var texts = corpus.split(separator: "\n").prefix(1_500).map { Array($0.utf8) }
        let alphabet = Array("ab x.-_*1|!+@$&'0345789 \n\t,".utf8) + [0xC3, 0xA9, 0xE2, 0x80, 0x99]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        for n in 0..<3_000 {
            let length = n % 50 == 0 ? 4_000 + next() % 3_000 : next() % 24
            texts.append((0..<length).map { _ in alphabet[next() % alphabet.count] })
        }
        texts.append([])
        return texts
    }

    /// The counts of a scan of `text` alone, its survey among them.
    static func counts(_ text: [UInt8], _ rules: Ruleset) -> ByteCounts {
        var hits: [LiteralHit] = []
        return text.withUnsafeBufferPointer { rules.automaton.scan($0, hits: &hits) }
    }

    @Test("one message at a time, and in the two-lane batch scan")
    func matchesReference() throws {
        let rules = try Package.defaultRules()
        let texts = try DisguiseSurveyTests.texts()
        for text in texts {
            #expect(Self.counts(text, rules).survey == DisguiseSurveyTests.reference(text), "\(String(decoding: text.prefix(80), as: UTF8.self))")
        }
        // The batch scan hands texts from lane to lane, and walks long ones alone.
        var buffers = texts.map { text -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.count, 1))
            _ = b.initialize(from: text)
            return b
        }
        defer { buffers.forEach { $0.deallocate() }; buffers.removeAll() }
        let views = buffers.enumerated().map { UnsafeBufferPointer(start: $1.baseAddress, count: texts[$0].count) }
        var results = [BatchResult](repeating: BatchResult(), count: views.count)
        var hits: [LiteralHit] = []
        views.withUnsafeBufferPointer { views in
            results.withUnsafeMutableBufferPointer { results in rules.automaton.scan(batch: views, results: results, hits: &hits) }
        }
        for (k, text) in texts.enumerated() {
            #expect(results[k].counts.survey == DisguiseSurveyTests.reference(text), "batch text \(k)")
        }
    }

    @Test("the one-pass test for letters written apart finds a run exactly where the runs are built")
    func mayHaveRunMatchesRuns() throws {
        for text in try DisguiseSurveyTests.texts() {
            text.withUnsafeBufferPointer { bytes in
                #expect(Separators.mayHaveRun(bytes) == !Separators.runs(bytes).isEmpty,
                        "\(String(decoding: text.prefix(80), as: UTF8.self))")
            }
        }
    }

    @Test("every text with letters written apart raises the triple flag, so none skips the joined view")
    func triplePrecedesEveryRun() throws {
        let rules = try Package.defaultRules()
        var texts = try DisguiseSurveyTests.texts()
        // Apostrophes join a word for both: `I'm` is no one-byte word, `y o u ' v e` is a run.
        texts += ["y o u ' v e w o n", "I'm a b c", "c ' b ' d", "t & c", "$ e x", "w.e.e.d", "don't c b d", "c @ $ h", "get c # $ h now"].map { Array($0.utf8) }
        texts += ["ñ o ñ o", "é · ü · ñ", "c @ ñ", "ü-b-é"].map { Array($0.utf8) }
        // Valid UTF-8 only: no other text is checked as it is.
        for text in texts where String(validating: text, as: UTF8.self) != nil
            && text.withUnsafeBufferPointer({ !Separators.runs($0).isEmpty }) {
            #expect(DisguiseSurvey(Self.counts(text, rules)).triple, "\(String(decoding: text.prefix(80), as: UTF8.self))")
        }
    }

    @Test("an apostrophe inside a word makes no one-byte word: `I'm` and `don't` raise no triple")
    func apostropheJoinsWords() throws {
        let rules = try Package.defaultRules()
        for text in ["I'm a u on my way, it's late", "Don't a u forget: you're booked", "u r a"] {
            let triple = DisguiseSurvey(Self.counts(Array(text.utf8), rules)).triple
            #expect(triple == (text == "u r a"), "\(text)")
        }
    }

    @Test("two single letters raise no triple, so common texts (`I m`, `u r`) skip the search for runs")
    func twoAreNotARun() throws {
        let rules = try Package.defaultRules()
        for text in ["u r late", "I m here", "see u at 2", "a b", "$ a", "c b cd"] {
            #expect(!DisguiseSurvey(Self.counts(Array(text.utf8), rules)).triple, "\(text)")
        }
        for text in ["c b d", "a$ b c", "t & c", "c @ $", "x.x.x", "é ü ñ"] {
            #expect(DisguiseSurvey(Self.counts(Array(text.utf8), rules)).triple, "\(text)")
        }
    }

    @Test("the survey's gates lose nothing: every text's disguised terms are those found with every view made")
    func gatesLoseNothing() throws {
        let rules = try Package.defaultRules()
        var texts = try DisguiseSurveyTests.texts()
        // Disguised terms, so that the views have something to find.
        let words = ["cannabis", "sativa", "hashish", "weed", "casino", "viagra", "lottery", "you won"]
        let forms: [(String) -> String] = [
            { $0.replacingOccurrences(of: "a", with: "4").replacingOccurrences(of: "i", with: "1") },
            { $0.replacingOccurrences(of: "s", with: "$").replacingOccurrences(of: "a", with: "@") },
            { $0.map(String.init).joined(separator: " ") },
            { $0.replacingOccurrences(of: "s", with: "$").replacingOccurrences(of: "a", with: "@").map(String.init).joined(separator: " ") },
            { $0.replacingOccurrences(of: "i", with: "!").replacingOccurrences(of: "o", with: "0").map(String.init).joined(separator: ". ") },
            { $0.replacingOccurrences(of: "s", with: "$").replacingOccurrences(of: "a", with: "@").replacingOccurrences(of: "i", with: "!")
                .map(String.init).joined(separator: " ") },
            { $0.replacingOccurrences(of: "l", with: "|").replacingOccurrences(of: "e", with: "3").map(String.init).joined(separator: "-") },
        ]
        for word in words { for form in forms { texts.append(Array("Ask about \(form(word)) today".utf8)) } }
        for text in texts where String(validating: text, as: UTF8.self) != nil {
            text.withUnsafeBufferPointer { bytes in
                // The view the check scans: the text itself when ASCII, else its normalised form.
                let normalized = bytes.contains { $0 >= 0x80 } ? NormalizedText(validating: bytes) : nil
                let view = normalized.map { Array($0.bytes) } ?? Array(bytes)
                view.withUnsafeBufferPointer { view in
                    var hits: [LiteralHit] = []
                    let counts = rules.automaton.scan(view, hits: &hits)
                    var every = counts
                    every.survey |= 7 | DisguiseSurvey.tripleFlag
                    let original = OriginalText(bytes: bytes, normalized: normalized, inert: false, counts: ByteCounts(counting: bytes))
                    func report(_ c: ByteCounts) -> Report? {
                        var scratch = CheckScratch()
                        return rules.evaluate(view: view, counts: c, hits: hits[...], original: original, &scratch)
                    }
                    #expect(report(counts) == report(every), "\(String(decoding: text.prefix(80), as: UTF8.self))")
                }
            }
        }
    }
}
