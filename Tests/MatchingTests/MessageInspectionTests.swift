import Testing
import Matching

@Suite("Message inspection")
struct MessageInspectionTests {
    @Test("links are located in Unicode scalars of the original", arguments: [
        ("Go to bit.ly/x now", 6),
        ("Café: bit.ly/x now", 6),
        ("Cafe\u{0301}: bit.ly/x now", 7),
        ("😀 bit.ly/x now", 2),
        ("👨\u{200D}👩\u{200D}👧 — bit.ly/x now", 8),
    ])
    func scalarOffsets(text: String, start: Int) throws {
        let link = try #require(MessageInspection(text).links.first)
        #expect(link.start == start)
        #expect(link.end == start + 8)
        #expect(link.text == "bit.ly/x")
        #expect(link.host == "bit.ly")
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[link.start..<link.end])) == link.text)
    }

    @Test("a link written without a scheme gets https:// in its url; one with a scheme keeps it")
    func urls() {
        let links = MessageInspection("bit.ly/x and http://x.com/a").links
        #expect(links.map(\.url) == ["https://bit.ly/x", "http://x.com/a"])
    }

    @Test("a link written in fullwidth letters is found and quoted as written")
    func fullwidthLink() throws {
        let link = try #require(MessageInspection("Go: ｂｉｔ．ｌｙ/x").links.first)
        #expect(link.text == "ｂｉｔ．ｌｙ/x")
        #expect(link.host == "bit.ly")
        #expect(link.start == 4 && link.end == 12)
    }

    @Test("the encoding is analysed with the links")
    func encoding() {
        #expect(MessageInspection("Hello, see x.com").encoding.charset == .gsm7)
        let i = MessageInspection("“Hello”")
        #expect(i.encoding.charset == .ucs2)
        #expect(i.encoding.nonGsmCharacters == ["“", "”"])
        #expect(i.links.isEmpty)
    }
}
