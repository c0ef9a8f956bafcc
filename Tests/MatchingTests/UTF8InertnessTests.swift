import Testing
@testable import Matching

@Suite("Telling text that normalisation leaves alone")
struct UTF8InertnessTests {
    @Test("the fold table's folds-to-itself bit agrees with its folded bytes for every scalar")
    func foldsToItself() {
        var same = 0
        var wrong: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let folded = FoldTable.folded(s)
            if FoldTable.foldsToItself(s) != (folded == nil) || folded?.elementsEqual(s.utf8) == true {
                wrong.append("U+\(String(v, radix: 16))")
            }
            if folded == nil { same += 1 }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        #expect(same > 1_000_000, "most scalars fold to themselves, not all: \(same)")
        #expect(FoldTable.foldsToItself("ñ") && !FoldTable.foldsToItself("é") && !FoldTable.foldsToItself("Ｃ"))
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
        ("Grün und Zürich", .needsNormalizing),  // marks are dropped: ü is u
        ("Mañana en España", .inert),  // ñ is a letter of its own
        ("Grüße", .needsNormalizing),  // ß folds to ss
        ("\u{4E2D}\u{6587} \u{10428}", .inert),  // CJK, Deseret small letter
        ("WIN\u{1F389}", .needsNormalizing),  // an emoji reads as a space
        ("Caf\u{E9}", .needsNormalizing),  // é is e
        ("\u{10400}", .needsNormalizing),  // a Deseret capital folds to small
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

    /// Every scalar of the Basic Multilingual Plane, and samples beyond it.
    static let scalars: [UInt32] = Array(0x80..<0x10000)
        + [0x1D165, 0x1D400, 0x1D7CE, 0x10400, 0x1F130, 0x1F600, 0xE0001, 0xE0041, 0xE0100, 0x20000, 0x10FFFF]

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
        // Most scalars are inert; if none were, the shortcut would never be taken.
        #expect(inert > 40_000)
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
