import Foundation
import Matching
import Testing
@testable import Rules

@Suite("The disguise survey found by the scan is the one a pass of its own over the bytes finds")
struct DisguiseSurveyTests {
    /// The survey as a separate pass computes it: the `touching` flags of every two neighbouring
    /// bytes, and a window of the word bits of the last seven bytes for the pair.
    static func reference(_ bytes: [UInt8]) -> UInt8 {
        var flags: UInt8 = 0, pair = false, previous: UInt8 = 0, window = 0
        func endsPair(_ w: Int) -> Bool { w & 31 == 0b01010 || w & 63 == 0b010010 || w & 127 == 0b0100010 }
        for b in bytes {
            let k = StandIns.kind[Int(b)]
            flags |= StandIns.touching[Int((previous & 15) << 4 | (k & 15))]
            previous = k
            window = (window << 1 | Int(k >> 4)) & 127
            if endsPair(window) { pair = true }
        }
        if endsPair((window << 1) & 127) { pair = true }
        return flags | (pair ? DisguiseSurvey.pairFlag : 0)
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

    @Test("one message at a time, and in the two-lane batch scan")
    func matchesReference() throws {
        let rules = try Package.defaultRules()
        let texts = try DisguiseSurveyTests.texts()
        for text in texts {
            var hits: [LiteralHit] = []
            let counts = text.withUnsafeBufferPointer { rules.automaton.scan($0, hits: &hits) }
            #expect(counts.survey == DisguiseSurveyTests.reference(text), "\(String(decoding: text.prefix(80), as: UTF8.self))")
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
}
