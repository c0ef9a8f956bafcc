import Testing
@testable import Matching

@Suite("Every disguise class folds back to the word, with offsets into the original")
struct DisguiseFoldTests {
    /// `word` (lowercase ASCII letters) written in a disguise, one string per letter.
    static let classes: [(String, @Sendable (Character) -> String)] = [
        ("mathematical bold", { offset($0, 0x1D41A, 0x1D400) }),
        ("mathematical sans-serif bold", { offset($0, 0x1D5EE, 0x1D5D4) }),
        ("mathematical double-struck", { c in
            // Some letters live in the Letterlike Symbols block instead.
            let letterlike: [Character: UInt32] = ["c": 0x2102, "h": 0x210D, "n": 0x2115, "p": 0x2119, "q": 0x211A, "r": 0x211D, "z": 0x2124]
            return letterlike[c].map { String(Unicode.Scalar($0)!) } ?? offset(c, 0x1D552, 0x1D538)
        }),
        ("fullwidth", { offset($0, 0xFF41, 0xFF21) }),
        ("circled", { offset($0, 0x24D0, 0x24B6) }),
        ("squared capitals", { String(Unicode.Scalar(0x1F130 + ($0.asciiValue! - 0x61).u32)!) }),
        ("negative squared capitals", { String(Unicode.Scalar(0x1F170 + ($0.asciiValue! - 0x61).u32)!) }),
        ("negative circled capitals", { String(Unicode.Scalar(0x1F150 + ($0.asciiValue! - 0x61).u32)!) }),
        ("small capitals", { mapped($0, smallCapitals) }),
        ("Cherokee look-alikes", { mapped($0, cherokee) }),
        ("strike-through", { "\($0)\u{0336}" }),
        ("underlined", { "\($0)\u{0332}" }),
        ("variation selector", { "\($0)\u{FE0F}" }),
        ("zero-width joiner", { "\($0)\u{200D}" }),
        ("tag characters", { "\($0)\u{E0020}" }),
        ("soft hyphen", { "\($0)\u{00AD}" }),
        ("capitals", { $0.uppercased() }),
    ]

    /// Latin letter small capitals, where Unicode has one.
    static let smallCapitals: [Character: UInt32] = [
        "a": 0x1D00, "b": 0x0299, "c": 0x1D04, "d": 0x1D05, "e": 0x1D07, "f": 0xA730, "g": 0x0262, "h": 0x029C,
        "i": 0x026A, "j": 0x1D0A, "k": 0x1D0B, "l": 0x029F, "m": 0x1D0D, "n": 0x0274, "o": 0x1D0F, "p": 0x1D18,
        "r": 0x0280, "s": 0xA731, "t": 0x1D1B, "u": 0x1D1C, "v": 0x1D20, "w": 0x1D21, "y": 0x028F, "z": 0x1D22,
    ]
    /// Cherokee letters that look like Latin capitals.
    static let cherokee: [Character: UInt32] = [
        "a": 0x13AA, "b": 0x13F4, "c": 0x13DF, "d": 0x13A0, "e": 0x13AC, "g": 0x13F3, "h": 0x13BB, "i": 0x13A5,
        "j": 0x13AB, "k": 0x13E6, "l": 0x13DE, "m": 0x13B7, "o": 0x13BE, "p": 0x13E2, "r": 0x13A1, "s": 0x13DA,
        "t": 0x13A2, "v": 0x13D9, "w": 0x13B3, "z": 0x13C3,
    ]

    static func mapped(_ c: Character, _ table: [Character: UInt32]) -> String {
        table[c].map { String(Unicode.Scalar($0)!) } ?? String(c)
    }

    static func offset(_ c: Character, _ lower: UInt32, _ upper: UInt32) -> String {
        let k = UInt32(c.asciiValue! - 0x61)
        return String(Unicode.Scalar(lower + k)!)
    }

    @Test("a capital of another script reads as the Latin capital of the same skeleton, not as its lowercase")
    func capitalSkeletons() {
        // Greek capital eta, nu, upsilon and beta; their lowercase forms look like n, v, u and ß.
        #expect(NormalizedText("ΗΝΥΒ").bytes == Array("hnyb".utf8))
        #expect(NormalizedText("ΗΟRΝΥ").bytes == Array("horny".utf8))
        // Capital iota and Cyrillic capital і stay i (not the l of the skeleton of I).
        #expect(NormalizedText("ΙІ").bytes == Array("ii".utf8))
    }

    @Test("a letter shaped as a Latin small capital reads as that letter: Greek kappa and tau, Cyrillic ka, te, em and en")
    func smallCapitalLookalikes() {
        #expect(NormalizedText("κυѕн").bytes == Array("kush".utf8))
        #expect(NormalizedText("тнс").bytes == Array("thc".utf8))
        #expect(NormalizedText("мarijuana τramadol").bytes == Array("marijuana tramadol".utf8))
        #expect(NormalizedText("ĸush").bytes == Array("kush".utf8))
    }

    @Test("emoji and pictographs read as a space; enclosed letters stay letters")
    func pictographs() {
        #expect(NormalizedText("WIN\u{1F389} w\u{1F525}e\u{2B50}e\u{2764}d \u{1F172}").bytes == Array("win  w e e d c".utf8))
    }

    @Test("the Spanish opening marks are punctuation, not part of the word they open")
    func spanishOpeningMarks() {
        #expect(NormalizedText("¿Ozempic sin receta? ¡Gana ya!").bytes == Array("?ozempic sin receta? !gana ya!".utf8))
    }

    @Test("a symbol that folds to another letter reads as it looks: the lunate sigma is c, not the o of sigma")
    func lookOverFold() {
        #expect(NormalizedText("ϲbd").bytes == Array("cbd".utf8))
        // A capital that folds still reads as its Latin capital, and σ itself as o.
        #expect(NormalizedText("Ϲσ").bytes == Array("co".utf8))
    }

    @Test("each class folds cannabis, marijuana and weed back to the word", arguments: 0..<classes.count)
    func folds(index: Int) throws {
        let (name, disguise) = DisguiseFoldTests.classes[index]
        for word in ["cannabis", "marijuana", "weed", "cbd", "thc"] {
            let written = word.map(disguise).joined()
            let text = "Ask about \(written) today"
            let n = NormalizedText(text)
            #expect(String(decoding: n.bytes, as: UTF8.self) == "ask about \(word) today", "\(name): \(written)")
            // The word's bytes map back to the disguised word, marks and invisibles after the
            // last letter aside.
            let start = 10
            let scalars = n.originalScalars(start..<start + word.utf8.count)
            let all = Array(text.unicodeScalars)
            #expect(scalars.lowerBound == start, "\(name)")
            let back = String(String.UnicodeScalarView(all[scalars]))
            #expect(written.unicodeScalars.starts(with: back.unicodeScalars)
                    && back.unicodeScalars.count >= written.unicodeScalars.count - 1, "\(name): \(back)")
        }
    }
}

extension UInt8 {
    var u32: UInt32 { UInt32(self) }
}
