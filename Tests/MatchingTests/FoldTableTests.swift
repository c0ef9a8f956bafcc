import Testing
@testable import Matching

@Suite("The fold table against Unicode's own properties")
struct FoldTableTests {
    /// Whether `s` was assigned by Unicode 15.0, the version of the data the table is made from.
    func inTableVersion(_ s: Unicode.Scalar) -> Bool {
        guard let age = s.properties.age else { return false }
        return age.major < 15 || (age.major == 15 && age.minor == 0)
    }

    @Test("every scalar NFKC_Casefold changes is folded; marks and default-ignorables fold to nothing")
    func agreesWithProperties() {
        var unfolded: [String] = [], kept: [String] = []
        for v in UInt32(0x80)...0x10FFFF {
            guard let s = Unicode.Scalar(v), inTableVersion(s) else { continue }
            let p = s.properties
            let folded = FoldTable.folded(s)
            let isMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(p.generalCategory)
            if p.isDefaultIgnorableCodePoint || isMark {
                if folded?.isEmpty != true { kept.append("U+\(String(v, radix: 16))") }
            } else if p.changesWhenNFKCCaseFolded && folded == nil {
                unfolded.append("U+\(String(v, radix: 16))")
            }
        }
        #expect(unfolded.isEmpty, "\(unfolded.prefix(20))")
        #expect(kept.isEmpty, "\(kept.prefix(20))")
    }

    @Test("letters of other scripts that look Latin fold to their Latin skeleton", arguments: [
        ("\u{0421}\u{0412}D", "cbd"),  // Cyrillic С and В
        ("\u{13DF}\u{13F4}\u{13A0}", "cbd"),  // Cherokee
        ("\u{1D04}\u{0299}\u{1D05}", "cbd"),  // small capitals
        ("\u{03BF}\u{03B9}l", "oil"),  // Greek omicron and iota
        ("\u{0131}", "i"),  // dotless i
        ("\u{A4DA}\u{A4D0}\u{A4D3}", "cbd"),  // Lisu
    ])
    func skeletons(written: String, folded: String) {
        #expect(String(decoding: NormalizedText(written).bytes, as: UTF8.self) == folded)
    }

    @Test("ASCII never takes a skeleton: rn, 0, l and 1 stay as they are")
    func asciiStays() {
        let ascii = String(decoding: Array(0x20...0x7E).map(UInt8.init), as: UTF8.self)
        #expect(String(decoding: NormalizedText(ascii).bytes, as: UTF8.self) == ascii.lowercased())
        #expect(String(decoding: NormalizedText("modern 10:30 $45 l1I|").bytes, as: UTF8.self) == "modern 10:30 $45 l1i|")
    }

    @Test("ñ keeps its tilde, precomposed or not, while other marks go", arguments: [
        ("año", "año"), ("AÑO", "año"), ("an\u{0303}o", "año"), ("AN\u{0303}O", "año"),
        ("ano\u{0303}", "ano"), ("a\u{0303}no", "ano"), ("café", "cafe"), ("Ünïcödé", "unicode"),
    ])
    func tilde(written: String, folded: String) {
        #expect(String(decoding: NormalizedText(written).bytes, as: UTF8.self) == folded)
    }

    @Test("hosts written with IDNA dot variants read with a dot", arguments: ["bit\u{3002}ly", "bit\u{FF0E}ly", "bit\u{FF61}ly"])
    func dots(host: String) {
        #expect(String(decoding: NormalizedText(host).bytes, as: UTF8.self) == "bit.ly")
    }
}
