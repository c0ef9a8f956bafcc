import Testing
@testable import Matching

@Suite("SMS encoding")
struct SMSEncodingTests {
    private func repeated(_ text: String, _ count: Int) -> String {
        String(repeating: text, count: count)
    }

    @Test func emptyMessage() {
        let encoding = SMSEncoding(analyzing: "")
        #expect(encoding.charset == .gsm7)
        #expect(encoding.segments == 0)
        #expect(encoding.length == 0)
        #expect(encoding.nonGsmCharacters.isEmpty)
        #expect(encoding.suggestion == nil)
    }

    @Test(arguments: [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)])
    func plainAsciiSegments(count: Int, segments: Int) {
        let encoding = SMSEncoding(analyzing: repeated("a", count))
        #expect(encoding.charset == .gsm7)
        #expect(encoding.length == count)
        #expect(encoding.segments == segments)
    }

    @Test func wholeBasicAlphabetIsGsm7() {
        let basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        let encoding = SMSEncoding(analyzing: basic)
        #expect(encoding.charset == .gsm7)
        #expect(encoding.length == 127)
        #expect(encoding.nonGsmCharacters.isEmpty)
    }

    @Test func extensionCharactersCountTwoSeptets() {
        let encoding = SMSEncoding(analyzing: "\u{0C}^{}\\[~]|€")
        #expect(encoding.charset == .gsm7)
        #expect(encoding.length == 20)
        #expect(encoding.segments == 1)
        #expect(SMSEncoding(analyzing: repeated("€", 80)).segments == 1)
        #expect(SMSEncoding(analyzing: repeated("€", 81)).segments == 2)
    }

    @Test func extensionPairIsNeverSplit() {
        // 152 + 2 = 154 septets: the escape pair cannot straddle the 153 boundary.
        let text = repeated("a", 152) + "€" + repeated("a", 152)
        let encoding = SMSEncoding(analyzing: text)
        #expect(encoding.length == 306)
        #expect(encoding.segments == 3)  // simple division would say 2
        // The pair fits exactly when it ends on the boundary.
        #expect(SMSEncoding(analyzing: repeated("a", 151) + "€" + repeated("a", 153)).segments == 2)
    }

    @Test(arguments: [(70, 1), (71, 2), (134, 2), (135, 3)])
    func ucs2Segments(count: Int, segments: Int) {
        let encoding = SMSEncoding(analyzing: repeated("ж", count))
        #expect(encoding.charset == .ucs2)
        #expect(encoding.length == count)
        #expect(encoding.segments == segments)
    }

    @Test func surrogatePairIsNeverSplit() {
        // 66 units + a 2-unit emoji crosses the 67 boundary, so the emoji moves to segment 2.
        let text = repeated("ж", 66) + "😀" + repeated("ж", 66)
        let encoding = SMSEncoding(analyzing: text)
        #expect(encoding.length == 134)
        #expect(encoding.segments == 3)  // simple division would say 2
        #expect(SMSEncoding(analyzing: "😀").length == 2)
        #expect(SMSEncoding(analyzing: repeated("😀", 35)).segments == 1)
        #expect(SMSEncoding(analyzing: repeated("😀", 36)).segments == 2)
        #expect(SMSEncoding(analyzing: repeated("😀", 67)).segments == 3)  // 33 emoji fit per segment
    }

    @Test func oneNonGsmCharacterSwitchesWholeMessage() {
        let encoding = SMSEncoding(analyzing: repeated("a", 100) + "`")
        #expect(encoding.charset == .ucs2)
        #expect(encoding.length == 101)
        #expect(encoding.segments == 2)
        #expect(encoding.nonGsmCharacters == ["`"])
    }

    @Test func nonGsmCharactersAreDistinctInOrder() {
        let encoding = SMSEncoding(analyzing: "Hi ж, 😀 ç ж 😀 é ç")
        #expect(encoding.nonGsmCharacters == ["ж", "😀", "ç"])
    }

    @Test func nonGsmCharactersAreSingleScalars() {
        // A flag is one Character but two scalars; an accent may be a combining scalar.
        let encoding = SMSEncoding(analyzing: "🇫🇷 e\u{301}")
        #expect(encoding.nonGsmCharacters == ["\u{1F1EB}", "\u{1F1F7}", "\u{301}"])
    }

    @Test func suggestionForSmartPunctuationOnly() throws {
        let text = "We’re open today — see you soon"
        let encoding = SMSEncoding(analyzing: text)
        #expect(encoding.charset == .ucs2)
        #expect(encoding.nonGsmCharacters == ["’", "—"])
        let suggestion = try #require(encoding.suggestion)
        #expect(suggestion.contains("’ with '"))
        #expect(suggestion.contains("— with -"))
        // Still one segment either way, so the suggestion names the per-segment capacity instead.
        #expect(suggestion.contains("160 characters a segment instead of 70"))
    }

    @Test func suggestionReportsSegmentSavings() throws {
        let text = repeated("a", 100) + "’"
        let suggestion = try #require(SMSEncoding(analyzing: text).suggestion)
        #expect(suggestion.contains("1 segment instead of 2"))
    }

    @Test func noSuggestionWhenOtherCharactersForceUcs2() {
        #expect(SMSEncoding(analyzing: "We’re open — 😀").suggestion == nil)
        #expect(SMSEncoding(analyzing: "plain text").suggestion == nil)
    }

    @Test func smartEncodingReplacesPunctuation() {
        let text = "‘a’ “b” c–d e—f g…\u{00A0}h\u{2009}i\u{3000}j\u{200B}k"
        let encoded = SMSEncoding.smartEncoded(text)
        #expect(encoded == "'a' \"b\" c-d e-f g... h i jk")
        #expect(SMSEncoding(analyzing: encoded).charset == .gsm7)
        #expect(SMSEncoding.smartEncoded("ж 😀") == "ж 😀")
    }

    @Test func invisibleCharactersAreNamedInSuggestion() throws {
        let suggestion = try #require(SMSEncoding(analyzing: "a\u{00A0}b").suggestion)
        #expect(suggestion.contains("U+00A0 with a space"))
    }
}
