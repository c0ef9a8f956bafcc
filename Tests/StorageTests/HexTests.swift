import Foundation
import Storage
import Testing

@Suite("Hex text of bytes")
struct HexTests {
    @Test("sequences and contiguous bytes give two lowercase digits a byte, high nibble first")
    func knownAnswers() {
        #expect(Hex.string([0x00, 0x0F, 0xA5, 0xFF] as [UInt8]) == "000fa5ff")
        #expect(Hex.string([UInt8]()) == "")
        #expect(Hex.string((0..<3).lazy.map { UInt8($0 * 17) }) == "001122")
        #expect(Hex.string(digest: Data([0xDE, 0xAD, 0xBE, 0xEF])) == "deadbeef")
    }
}
