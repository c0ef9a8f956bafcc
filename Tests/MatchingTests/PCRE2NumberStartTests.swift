import Foundation
import Testing
@testable import Matching

@Suite("PCRE2 regexes tried only where a run of digits starts")
struct PCRE2NumberStartTests {
    @Test("shapes whose every match starts a run of digits", arguments: [
        #"(?<!\d)\d{3}"#,
        #"(?<![\w.])\d{1,3}(?:\.\d{1,2})?\s?p"#,
        #"(?<![\w.$£])(?!1[0-2]p\b)\d{2,3}p\b"#,
        #"(?<![0-9+])[0-9]+ppm"#,
        #"(?<!\w)(?=\d{2})\d+"#,
        #"\b\d{1,3}\s?%\s?off\b"#,
    ])
    func understood(pattern: String) {
        #expect(PCRE2Regex.startsAtNumber(pattern), "\(pattern)")
    }

    @Test("shapes where a match may start elsewhere", arguments: [
        #"\d{3}"#,                          // no lookbehind: may start inside a run
        #"(?<![.])\d{3}"#,                  // the lookbehind allows a digit before
        #"(?<![^\d])\d{3}"#,                // a negated class
        #"(?<![!-0-9])\d"#,                 // `!-0` is a range: `1-8` are not in the class
        #"(?<![\\w])\d"#,                   // a backslash and a `w`, not `\w`
        #"(?<!\d)(?:\+?44)?0\d{9}"#,        // may start at `+` or `4`
        #"(?<!\d)\d+|x"#,                   // another alternative
        #"(?<=\s)\d+"#,                     // a positive lookbehind
        #"(?<!\d|x)\d+"#,                   // a lookbehind of more than one atom
        #"\b(?:\d|x)"#,                      // a group after the boundary
    ])
    func notUnderstood(pattern: String) {
        #expect(!PCRE2Regex.startsAtNumber(pattern), "\(pattern)")
    }

    /// Where the runs of ASCII digits of `text` start.
    func numberStarts(_ text: [UInt8]) -> [Int] {
        text.indices.filter { i in text[i] &- 0x30 < 10 && (i == 0 || text[i - 1] &- 0x30 >= 10) }
    }

    @Test("anchored at the starts of digit runs, a regex finds what a whole-text search finds, on every corpus message")
    func corpus() throws {
        let tsv = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/fixtures/corpus/sms-spam-collection.tsv",
                             encoding: .utf8)
        let messages = tsv.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t", maxSplits: 1).last ?? "") }
        let patterns = [
            #"(?<![\w.])[0-9]{1,3}(?:\.[0-9]{1,2})?\s?p(?:\s?(?:/|per\s|a\s|x))?\s?(?:msgs?|min|wk|week|txt|text|day)"#,
            #"(?<![\w.$£])(?!1[0-2]p\b)[0-9]{2,3}p\b"#,
            #"(?<!\d)[0-9]{4,}"#,
            #"(?<![\w.])[0-9]+(?:\.[0-9]{1,2})?\s?(?:gbp|pence|pounds?)"#,
            #"\b[0-9]{1,3}(?:\.[0-9]+)?\s?(?:%|p\b)"#,
        ]
        for pattern in patterns {
            #expect(PCRE2Regex.startsAtNumber(pattern))
            let whole = try PCRE2Regex(pattern), anchored = try PCRE2Regex(pattern, anchored: true)
            var matched = 0
            for message in messages {
                let bytes = Array(message.utf8)
                try bytes.withUnsafeBufferPointer { buf in
                    let expected = try whole.matches(in: buf)
                    #expect(try anchored.matches(in: buf, startingAt: numberStarts(bytes)) == expected, "\(pattern) on \(message)")
                    if !expected.isEmpty { matched += 1 }
                }
            }
            #expect(matched > 20, "the corpus exercises matches of \(pattern)")
        }
    }
}
