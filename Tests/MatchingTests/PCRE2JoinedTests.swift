import Foundation
import Testing
@testable import Matching

@Suite("A rule's patterns joined into one search")
struct PCRE2JoinedTests {
    /// Every match, as the text it covers, of each regex in turn.
    func found(_ regexes: [PCRE2Regex], in text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buf in
            try regexes.flatMap { try $0.matches(in: buf) }.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    @Test("plain patterns become one regex that finds what each finds")
    func joinsPlain() throws {
        let patterns = [#"\b\d{1,3}\s?%\s?off\b"#, #"(?<![\w.])\d{2,3}\s?ppm\b"#, #"\bsave\s+\$\d+"#]
        let joined = try PCRE2Regex.joined(patterns)
        #expect(joined.count == 1)
        #expect(try found(joined, in: "Get 20% off, then save $30; calls 150ppm.") == ["20% off", "save $30", "150ppm"])
        #expect(try found(joined, in: "Your oxygen was 98% at 9:30.").isEmpty)
    }

    @Test("patterns whose meaning a join would change run alone", arguments: [
        #"(a)\1"#, #"\g{1}x"#, #"\Qa.b"#, #"(?x) a b # comment"#, #"(?1)(b)"#, #"(*UTF)x"#, #"(?|(a)|(b))"#,
    ])
    func keepsApart(pattern: String) {
        #expect(!PCRE2Regex.isJoinable(pattern))
    }

    @Test("classes, look-arounds and inline options join", arguments: [
        #"[(\1]x"#, #"[[:alpha:]\]]+"#, #"(?<![\w.$£])\d{2,3}p\b"#, #"(?i)abc"#, #"(?i:abc)d"#, #"\bprem(?:ium)?\b"#,
    ])
    func joinsOrdinary(pattern: String) {
        #expect(PCRE2Regex.isJoinable(pattern))
    }

    @Test("a back-reference still matches beside a pattern with its own group")
    func backReference() throws {
        let regexes = try PCRE2Regex.joined(["(b)x", #"(a)\1"#, "c"])
        #expect(regexes.count == 2)
        #expect(Set(try found(regexes, in: "aa bx c")) == ["aa", "bx", "c"])
    }

    @Test("an unterminated quote is not joined, so the patterns after it still match")
    func quoting() throws {
        let regexes = try PCRE2Regex.joined([#"\Qa.b"#, "c"])
        #expect(Set(try found(regexes, in: "a.b axb c")) == ["a.b", "c"])
    }

    @Test("two patterns naming the same group run one by one")
    func sameGroupName() throws {
        let regexes = try PCRE2Regex.joined(["(?<n>a)", "(?<n>b)"])
        #expect(regexes.count == 2)
        #expect(try found(regexes, in: "ab") == ["a", "b"])
    }

    @Test("joined anchored patterns are tried only at the given starts")
    func anchored() throws {
        let regexes = try PCRE2Regex.joined([#"reply\s+stop"#, #"text\s+\d{5}"#], anchored: true)
        #expect(regexes.count == 1)
        let text = Array("please reply stop or text 80086; xreply stop".utf8)
        let found = try text.withUnsafeBufferPointer { try regexes[0].matches(in: $0, startingAt: [2, 7, 21]) }
        #expect(found.map { String(decoding: text[$0], as: UTF8.self) } == ["reply stop", "text 80086"])
    }
}

@Suite("Digits written [0-9] for normalised text")
struct PCRE2DigitsTests {
    @Test("\\d becomes [0-9] outside classes and 0-9 inside, other escapes stay", arguments: [
        (#"\d{2,3}p\b"#, #"[0-9]{2,3}p\b"#),
        (#"\$\s?\d[\d,]*"#, #"\$\s?[0-9][0-9,]*"#),
        (#"(?<![\d+])0\D"#, #"(?<![0-9+])0[^0-9]"#),
        (#"\\d"#, #"\\d"#),
        (#"[]\d]"#, #"[]0-9]"#),
        (#"[^]\d]x\d"#, #"[^]0-9]x[0-9]"#),
        (#"[[:alpha:]\d]\d"#, #"[[:alpha:]0-9][0-9]"#),
        (#"\Q\d"#, #"\Q\d"#),
        (#"[\D]"#, #"[\D]"#),
    ] as [(String, String)])
    func rewrites(pattern: String, expected: String) {
        #expect(PCRE2Regex.asciiDigits(pattern) == expected)
    }

    @Test("a digit of another script is folded to ASCII (or to the letter it looks like), so [0-9] still finds it")
    func otherScripts() throws {
        let folded = NormalizedText("٢٣p/msg").bytes
        let regex = try PCRE2Regex(PCRE2Regex.asciiDigits(#"\d{2,3}p/msg"#))
        #expect(try folded.withUnsafeBufferPointer { try regex.matches(in: $0) }.count == 1)
    }
}
