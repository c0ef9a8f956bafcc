import OptOut
import Testing

@Suite("InboundText.clean: an inbound text is never refused for its bytes")
struct InboundTextTests {
    let classifier = KeywordClassifier()

    @Test("CR LF and lone CR become LF, and the text is not marked repaired")
    func lineEnds() {
        let (text, repaired) = InboundText.clean(bytes: Array("STOP\r\n".utf8))
        #expect(text == "STOP\n")
        #expect(!repaired)
        #expect(InboundText.clean(bytes: Array("a\rb\r\nc\nd".utf8)).text == "a\nb\nc\nd")
        #expect(classifier.classify(text).intent == .optOut)
    }

    @Test("a NUL and other control characters are removed, and the text is marked repaired")
    func controls() {
        let (text, repaired) = InboundText.clean(bytes: Array("ST\u{0}OP\u{7}".utf8))
        #expect(text == "STOP")
        #expect(repaired)
        #expect(classifier.classify(text).intent == .optOut)
    }

    @Test("invalid UTF-8 becomes U+FFFD, the text is marked repaired, and a STOP or ALTO still opts out")
    func invalidUTF8() {
        for bytes in [Array("STOP".utf8) + [0xFF], [0xC3] + Array(" ALTO".utf8), Array("stop".utf8) + [0xE2, 0x82]] {
            let (text, repaired) = InboundText.clean(bytes: bytes)
            #expect(repaired)
            #expect(text.unicodeScalars.contains("\u{FFFD}"))
            #expect(classifier.classify(text).intent == .optOut, "\(bytes)")
        }
    }

    @Test("tabs become spaces; valid text with accents and emoji is kept as it is")
    func kept() {
        #expect(InboundText.clean(bytes: Array("STOP\tALL".utf8)).text == "STOP ALL")
        let (text, repaired) = InboundText.clean(bytes: Array("¡Ya no me envíen más! 🙏 ñ".utf8))
        #expect(text == "¡Ya no me envíen más! 🙏 ñ")
        #expect(!repaired)
    }
}
