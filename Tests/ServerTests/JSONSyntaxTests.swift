import Foundation
@testable import Server
import Testing

@Suite("JSONSyntax: where a body stops being JSON")
struct JSONSyntaxTests {
    @Test("valid JSON has no problem", arguments: [
        #"{}"#, #"[]"#, #"{"a":1}"#, #" { "a" : [1, -2.5e3, true, false, null, "x\"\u00e9", {}] } "#, #""s""#, "0", "[[[]]]",
    ])
    func valid(_ text: String) {
        #expect(JSONSyntax.firstProblem(Array(text.utf8)) == nil, "\(text)")
    }

    @Test("each kind of mistake is named at its line and column", arguments: [
        ("{\"a\":1 \"b\":2}", 1, 8, "a `,` or `}` was expected"),
        ("{\"a\":1,}", 1, 8, "a `,` comes before this `}`; remove it"),
        ("[1,]", 1, 4, "a `,` comes before this `]`; remove it"),
        ("{a:1}", 1, 2, "a key in double quotes was expected"),
        ("{\"a\" 1}", 1, 6, "a `:` was expected after the key"),
        ("{\"a\":}", 1, 6, "a value was expected (a string, number, object, array, true, false or null)"),
        ("{\"a\":\"x", 1, 6, "this string is not closed, or holds a raw control character or a bad escape"),
        ("{\"a\":\"\\q\"}", 1, 6, "this string is not closed, or holds a raw control character or a bad escape"),
        ("{\"é\":01}", 1, 7, "a `,` or `}` was expected"),
        ("{\n  \"a\": 1\n", 3, 1, "the body ends before the JSON does"),
        ("{} {}", 1, 4, "the JSON ends before this; remove what follows"),
        ("[1 2]", 1, 4, "a `,` or `]` was expected"),
    ])
    func problems(text: String, line: Int, column: Int, what: String) {
        #expect(JSONSyntax.firstProblem(Array(text.utf8)) == .init(line: line, column: column, what: what), "\(text)")
    }
}
