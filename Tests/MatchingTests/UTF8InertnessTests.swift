import Testing
@testable import Matching

@Suite("Telling text that normalisation leaves alone")
struct UTF8InertnessTests {
    @Test("the fold table, folded in one pass, holds what folding each scalar alone gives")
    func foldTableMatchesSingleFolds() {
        var mismatches: [String] = []
        for v in Array(FoldTable.lowRange) + Array(FoldTable.fullwidthRange) {
            guard let s = Unicode.Scalar(v), let folded = FoldTable.folded(s) else { continue }
            // The table's definition: a scalar that NFKC case folding, the lookalike map and the
            // invisible set leave alone stays itself; any other is what `fold` makes of it.
            let changes = s.properties.changesWhenNFKCCaseFolded || Lookalikes.latin(for: s) != nil || Lookalikes.isInvisible(s)
            let alone = changes ? Array(NormalizedText.fold(Character(s)).utf8) : Array(String(s).utf8)
            if !folded.elementsEqual(alone) { mismatches.append("U+\(String(v, radix: 16))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test("the fold table's folds-to-itself bit agrees with its folded bytes for every scalar it holds")
    func foldsToItself() {
        var same = 0
        for v in Array(FoldTable.lowRange) + Array(FoldTable.fullwidthRange) {
            guard let s = Unicode.Scalar(v), let folded = FoldTable.folded(s) else { continue }
            let expected = folded.elementsEqual(String(s).utf8)
            #expect(FoldTable.foldsToItself(s) == expected, "U+\(String(v, radix: 16))")
            if expected { same += 1 }
        }
        #expect(same > 5_000 && same < 12_000, "most scalars fold to themselves, not all: \(same)")
        #expect(FoldTable.foldsToItself("é") && !FoldTable.foldsToItself("É") && !FoldTable.foldsToItself("Ｃ"))
    }

    func inertness(_ bytes: [UInt8]) -> UTF8Inertness {
        bytes.withUnsafeBufferPointer { UTF8Inertness($0) }
    }

    func normalized(_ bytes: [UInt8]) -> NormalizedText? {
        bytes.withUnsafeBufferPointer { NormalizedText(validating: $0) }
    }

    /// ASCII capitals lowercased, everything else as it is: what normalising inert text gives.
    func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    @Test("common characters that do not change are inert; ones that do are not", arguments: [
        ("Win £100 now", UTF8Inertness.inert),
        ("Grün und Zürich", .inert),
        ("Grüße", .needsNormalizing),  // ß folds to ss
        ("Caf\u{E9} \u{4E2D}\u{6587} \u{1F600} \u{10400}", .inert),  // é, CJK, emoji, Deseret capital
        ("C1 control \u{92} in a text", .inert),
        ("plain ASCII only", .inert),
        ("", .inert),
        ("ÜBER", .needsNormalizing),  // folds to über
        ("Wait\u{2026}", .needsNormalizing),  // … is ...
        ("it\u{2019}s", .needsNormalizing),  // a curly quote reads as '
        ("9\u{2013}5", .needsNormalizing),  // an en dash reads as -
        ("\u{421}BD", .needsNormalizing),  // Cyrillic С
        ("C\u{200B}BD", .needsNormalizing),  // zero-width space
        ("cafe\u{301}", .needsNormalizing),  // combining acute
        ("\u{FF23}\u{FF22}\u{FF24}", .needsNormalizing),  // fullwidth CBD
    ])
    func examples(text: String, expected: UTF8Inertness) {
        #expect(inertness(Array(text.utf8)) == expected)
    }

    /// Every scalar of the fold table, and samples beyond it.
    static let scalars: [UInt32] = Array(0x80..<0x3000) + Array(0xFF00..<0xFFF0)
        + [0x3000, 0x3042, 0x4E2D, 0xAB70, 0xFE20, 0xFE0F, 0xFEFF, 0x1D165, 0x10400, 0x1F600, 0xE0001, 0xE0100, 0x10FFFF]

    @Test("a scalar is inert exactly when normalising leaves it as it is and it does not compose")
    func agreesWithNormalizedText() throws {
        var inert = 0
        for v in UTF8InertnessTests.scalars {
            guard let s = Unicode.Scalar(v) else { continue }
            let bytes = Array("aZ\(s)Bc".utf8)
            let result = inertness(bytes)
            // A mark that composes always takes the full path.
            guard !NormalizedText.composes(s) else {
                #expect(result == .needsNormalizing, "U+\(String(v, radix: 16)) composes")
                continue
            }
            let n = try #require(normalized(bytes))
            let unchanged = n.bytes == asciiLowercased(bytes)
            if result == .inert {
                inert += 1
                #expect(unchanged, "U+\(String(v, radix: 16)) is called inert but normalises to \(n.bytes)")
                #expect(n.originalScalars(0..<n.bytes.count) == 0..<5)
            } else {
                #expect(result == .needsNormalizing)
                #expect(!unchanged, "U+\(String(v, radix: 16)) is unchanged but not inert")
            }
        }
        // Most scalars of the table are inert; if none were, the table would not be used at all.
        #expect(inert > 8_000)
    }

    @Test("invalid UTF-8 is found as NormalizedText(validating:) finds it")
    func validation() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF]
        var invalid = 0
        for b0 in UInt8(0x80)...0xFF {
            for b1 in edges {
                for b2 in edges {
                    for b3 in edges {
                        let bytes: [UInt8] = [0x61, b0, b1, b2, b3]
                        for length in 2...5 {
                            let prefix = Array(bytes.prefix(length))
                            let result = inertness(prefix)
                            let valid = normalized(prefix) != nil
                            if result == .invalid { invalid += 1 }
                            // Only text valid up to its first changing scalar is judged.
                            if result != .needsNormalizing && (result == .invalid) != !valid {
                                Issue.record("\(prefix) is \(result), valid: \(valid)")
                            }
                        }
                    }
                }
            }
        }
        #expect(invalid > 0)
    }

    @Test("a non-ASCII byte after a run of ASCII longer than a word is still looked at")
    func longRuns() {
        for k in 0..<20 {
            let prefix = [UInt8](repeating: 0x61, count: k)
            #expect(inertness(prefix + [0xC2, 0xA3] + prefix) == .inert)
            #expect(inertness(prefix + [0xC3, 0x9C] + prefix) == .needsNormalizing)  // Ü
            #expect(inertness(prefix + [0xC2]) == .invalid)
            #expect(inertness(prefix + [0xFF] + prefix) == .invalid)
        }
    }
}
