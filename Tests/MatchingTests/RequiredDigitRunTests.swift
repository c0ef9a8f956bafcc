import Testing
import Matching

@Suite("A regex's required run of digits")
struct RequiredDigitRunTests {
    @Test("read from the digits a match must hold, with their quantifiers", arguments: [
        (#"to\s+[0-9]{4,6}(?![0-9])"#, 4), (#"[0-9]{2,3}\s?p\b"#, 2), (#"\(?900\)?[0-9]{3}"#, 3),
        (#"1-900"#, 3), (#"[0-9][0-9]{2}+x"#, 3), (#"[0-9]+"#, 1), (#"[0-9]*x"#, 0), (#"[0-9]?[0-9]"#, 1),
        (#"[0-9]{1,3}(?:\.[0-9]{1,2})?\s?p"#, 1), (#"win\s+\$"#, 0), (#"[0-9]{5}|stop"#, 0),
        (#"(?:a)|[0-9]{4}|x[0-9]{2}"#, 0), (#"[0-9]{4}|x[0-9]{2}"#, 2), (#"(?:[0-9]{9})"#, 9),
        (#"(?:[0-9]{4})?"#, 0), (#"(?:x|[0-9]{3})"#, 0), (#"(?:(?:to)\s+[0-9]{5})|(?:[0-9]{4}x)"#, 4),
        (#"(?>[0-9]{3})"#, 3), (#"(?=[0-9]{3})"#, 0), (#"(?<n>[0-9]{3})"#, 0), (#"(?:[0-9]{2}){2}"#, 2),
        (#"[0-9]{3}[0-9]{2,}"#, 5), (#"12a34"#, 2), (#"[0-9]{3"#, 1), (#"\d{4}"#, 0),
        (#"[^0-9]{4}"#, 0), (#"[0-9a]{4}"#, 0), (#"[0-9]{4}\Q)\E"#, 0), (#"(?x) 1 2 3"#, 0),
        (#"(?i:x)[0-9]{2}"#, 2), (#"\x31\x32"#, 0), (#"(a)\1[0-9]{3}"#, 0), (#"[0-9]{2}(?#c)[0-9]"#, 0),
        (#"(*UTF)[0-9]{3}"#, 0), (#"[)][0-9]{3}"#, 3), (#"([0-9]{2})[0-9]{3}"#, 3),
    ])
    func shapes(_ pattern: String, _ run: Int) {
        #expect(PCRE2Regex.requiredDigitRun(pattern) == run, "\(pattern)")
    }

    @Test("never more than a match holds: each pattern matches a text with exactly that run")
    func sound() throws {
        let cases: [(String, String)] = [
            (#"to\s+[0-9]{4,6}(?![0-9])"#, "to 1234"), (#"[0-9]?[0-9]"#, "7"), (#"[0-9]{4}|x[0-9]{2}"#, "x12"),
            (#"[0-9]{3}[0-9]{2,}"#, "12345"), (#"12a34"#, "12a34"), (#"[0-9]{3"#, "1{3"),
            (#"(?:(?:to)\s+[0-9]{5})|(?:[0-9]{4}x)"#, "1234x"),
        ]
        for (pattern, text) in cases {
            let regex = try PCRE2Regex(pattern)
            #expect(try regex.matches(text), "\(pattern) on \(text)")
            let longest = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).map(\.count).max() ?? 0
            #expect(regex.requiredDigitRun == longest, "\(pattern) on \(text)")
        }
    }
}
