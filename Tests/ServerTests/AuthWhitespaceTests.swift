@testable import Server
import Testing

@Suite("API key whitespace")
struct AuthWhitespaceTests {
    @Test("spaces and tabs around a key are dropped, as CharacterSet.whitespaces does; inside it they stay",
          arguments: [("tg_abc", "tg_abc"), ("  tg_abc\t", "tg_abc"), ("\u{00A0}tg_abc\u{2003}", "tg_abc"),
                      ("tg a\tb", "tg a\tb"), ("   ", ""), ("", ""), ("\ntg_abc\n", "\ntg_abc\n")])
    func trimming(_ raw: String, _ key: String) {
        #expect(Auth.trimmingWhitespace(raw[...]) == key)
    }
}
