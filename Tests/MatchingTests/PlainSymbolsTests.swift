import Testing
import Matching

@Suite("Plain symbols decided without property look-ups")
struct PlainSymbolsTests {
    @Test("every scalar of the ranges is neither alphabetic, numeric nor a mark; the fast check agrees with the ranges")
    func rangesHoldNoLetters() {
        var checked = 0
        for range in PlainSymbols.ranges {
            for v in range {
                guard let s = Unicode.Scalar(v) else { continue }
                let p = s.properties
                let mark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(p.generalCategory)
                #expect(!p.isAlphabetic && p.numericType == nil && !mark, "U+\(String(v, radix: 16))")
                checked += 1
            }
        }
        #expect(checked > 1_800)
        for v: UInt32 in [0x1FFF, 0x2000, 0x2019, 0x206F, 0x2070, 0x1F2FF, 0x1F300, 0x1F600, 0x1F9FF, 0x1FA00, 0x41, 0] {
            #expect(PlainSymbols.contains(v) == PlainSymbols.ranges.contains { $0.contains(v) }, "U+\(String(v, radix: 16))")
        }
    }
}
