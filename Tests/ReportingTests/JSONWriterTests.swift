import Foundation
import Testing
import Reporting

@Suite("JSON writing")
struct JSONWriterTests {
    func json(_ s: String?) -> String {
        var w = JSONWriter()
        w.string(s)
        return w.text
    }

    @Test("quotes, backslashes and control characters are escaped; non-ASCII is kept")
    func escaping() throws {
        let value = "a\"b\\c\nd\re\tf\u{01}g\u{1F}hé😀\u{7F}/"
        let written = json(value)
        #expect(written == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fhé😀\u{7F}/\"")
        #expect(try parseJSON(written) as? String == value)
    }

    @Test("every control character survives a round trip")
    func allControls() throws {
        let value = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let written = json(value)
        #expect(!written.utf8.dropFirst().dropLast().contains { $0 < 0x20 })
        #expect(try parseJSON(written) as? String == value)
    }

    @Test("nil is null")
    func null() {
        #expect(json(nil) == "null")
    }

    @Test("integers, negative and extreme", arguments: [0, 7, 9, 10, 99, 100, 101, 999, -1, -10, -42, -99, -100, 1_000_000, 624_288, 1_000_000_000_000_000_000, Int.max, Int.min])
    func integers(value: Int) {
        var w = JSONWriter()
        w.int(value)
        #expect(w.text == String(value))
    }
}
