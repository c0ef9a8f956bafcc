import Foundation
import Testing
@testable import Matching

@Suite("PCRE2 regexes tried only where their leading words start")
struct PCRE2AnchoredTests {
    @Test("the leading words of the shapes the analysis understands", arguments: [
        (#"\b(?:reply|Respond|text)\s+stop"#, ["reply", "respond", "text"]),
        (#"reply\s*stop"#, ["reply"]),
        (#"\bsave\s+\d+%"#, ["save"]),
        (#"(?:a1|b2)+x"#, ["a1", "b2"]),
        (#"colou?r"#, ["colo"]),
        (#"texts*"#, ["text"]),
        (#"ab{0,2}c"#, ["a"]),
        (#"\breply(?:\s+(?:with|back))?[:"']?\s*(?:stop|end)"#, ["reply"]),
        (#"\bsave[a|b]"#, ["save"]),
        (#"\bsave[]|]"#, ["save"]),
        (#"\bsave[[:alpha:]|]"#, ["save"]),
        (#"\bsave[[:^digit:]|]"#, ["save"]),
        // Each alternative of the pattern, and of a group it opens with, read in turn.
        (#"reply stop|cancel"#, ["reply", "cancel"]),
        (#"(?:reply)stop|cancel"#, ["reply", "cancel"]),
        (#"(?:reply|te xt)stop"#, ["reply", "te"]),
        (#"\b(?:urgent(?:ly)?\b|immediately\b|(?:netflix|apple\s+id))\s+now"#, ["urgent", "immediately", "netflix", "apple"]),
        (#"\bdiet\s+pills|\bfat[\s-]burners?\b|\bdiet"#, ["diet", "fat"]),
        (#"\bloans?\s|pre-?approved"#, ["loan", "pre"]),
        // Escaped symbols and currency signs are characters of a word too.
        (#"(?:£|gbp|\$|¢)\s?\d+"#, ["£", "gbp", "$", "¢"]),
        (#"\$\s?\d+ off"#, ["$"]),
        (#"(?:us\$|€)\d"#, ["us$", "€"]),
        (#"x\$?y"#, ["x"]),
    ] as [(String, [String])])
    func understood(pattern: String, words: [String]) {
        #expect(PCRE2Regex.leadingWords(of: pattern) == words, "\(pattern)")
    }

    @Test("shapes where a match need not start with a word give nil", arguments: [
        #"\b\d{1,3}\s?%\s?off\b"#,        // starts with a class, not a word
        #"(?:reply|text)?\s*stop"#,       // the group may be skipped
        #"(?:reply|text)*stop"#,
        #"(?:reply|text){0,1}stop"#,
        #"(?:reply| text)stop"#,          // an alternative that opens with no letter
        #"(?:reply|)stop"#,               // an empty alternative
        #"(reply|text) stop"#,            // a capturing group, not analysed
        #"reply stop|\d+ off"#,           // one alternative of the pattern opens with an escape
        #"(?:reply|(?=t)text)stop"#,      // one opens with a lookahead
        #"(?:reply|text)stop|"#,          // an empty alternative at the top level
        #"£?\d"#,                         // the only sign is optional
        #"\\d"#,                          // an escaped backslash, then a letter
        #"\sreply"#,                       // an escape that is not a symbol
        #"\breply\Q|\E"#,                 // quoting the scan cannot follow
        #"reply(?x)#|"#,                  // a possible comment
        #"reply)"#,                       // unbalanced
        #"a?bc"#,                         // the first letter is optional
        #"a[[:]|b:]]"#,                   // `[:` that is no POSIX class: the class ends early
        #"a[\Qx\](\E]|b"#,               // quoting inside a class
        #"reply\s+\Kstop"#,               // \K moves the start of a match
        #"\Greply"#,
        #"reply(*COMMIT)\s+stop"#,        // a verb changes what a failed try means
        #"reply(?C1)stop"#,
        #"\b"#,
        "",
    ])
    func notUnderstood(pattern: String) {
        #expect(PCRE2Regex.leadingWords(of: pattern) == nil, "\(pattern)")
    }

    /// Every caseless occurrence of any of `words` in `text`, in increasing order.
    func occurrences(of words: [String], in text: [UInt8]) -> [Int] {
        let lower = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var starts: [Int] = []
        for i in lower.indices where words.contains(where: { lower[i...].starts(with: Array($0.utf8)) }) {
            starts.append(i)
        }
        return starts
    }

    func agree(_ pattern: String, on texts: [String]) throws -> Int {
        let words = try #require(PCRE2Regex.leadingWords(of: pattern))
        let whole = try PCRE2Regex(pattern)
        let anchored = try PCRE2Regex(pattern, anchored: true)
        var matched = 0
        for text in texts {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBufferPointer { buf in
                let expected = try whole.matches(in: buf)
                let found = try anchored.matches(in: buf, startingAt: occurrences(of: words, in: bytes))
                #expect(found == expected, "\(pattern) on \(text)")
                if !expected.isEmpty { matched += 1 }
            }
        }
        return matched
    }

    /// Texts put together from the words the patterns look for, so that matches, near misses,
    /// overlaps and repeats are common.
    func generatedTexts(count: Int) -> [String] {
        let pieces = ["reply", "REPLY", "Text", "txt", "texts", "context", "stop", "STOP all", "cancel",
                      "end", "opt-out", "to", "opt out", "with", "back", ":", "\"", "“", " ", "  ", ".",
                      "save", "save ", "20", "%", "20%", "$5", "off", "é", "reply reply", "x"]
        var g = LiteralAutomatonWordStartTests.Generator(state: 7)
        return (0..<count).map { _ in (0..<g.next(9)).map { _ in pieces[g.next(pieces.count)] }.joined() }
    }

    @Test("anchored at every occurrence of the leading words, a regex finds what a whole-text search finds")
    func differential() throws {
        let texts = generatedTexts(count: 3000)
        let patterns = [
            #"\b(?:reply|respond|text|txt|answer)(?:\s+(?:with|back))?\s*[:"'“]?\s*(?:cancel|stop\s*all|stop|end|quit|unsubscribe|revoke|opt[\s-]?out)\b["'”]?(?!\s*(?:to|and|for)\s+(?:opt[\s-]?out|unsubscribe))"#,
            #"\bsave\s*(?:\d+\s?%|\$\s?\d)"#,
            #"reply"#,
            #"texts?"#,
            #"(?:reply|text)(?=\s)"#,
            #"\b(?:reply(?:\s+with)?\b|(?:txt|text)\s+stop)|\bsave\s*\d"#,
            #"stop\s+all|\b(?:opt|end)\b"#,
            #"(?:\$|£)\s?\d"#,
        ]
        for pattern in patterns {
            let matched = try agree(pattern, on: texts)
            #expect(matched > 20, "the generated texts exercise matches of \(pattern)")
        }
    }

    @Test("the same agreement on every corpus message")
    func corpus() throws {
        let tsv = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/fixtures/corpus/sms-spam-collection.tsv",
                             encoding: .utf8)
        let messages = tsv.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t", maxSplits: 1).last ?? "") }
        let matched = try agree(#"\b(?:reply|text|txt|call)\s*(?:stop|now|\d)"#, on: messages)
        #expect(matched > 100)
    }

    @Test("repeated starts are tried once, and starts inside a match are skipped")
    func startsInsideMatches() throws {
        let regex = try PCRE2Regex(#"reply\w*"#, anchored: true)
        let text = Array("replyreply reply".utf8)
        let found = try text.withUnsafeBufferPointer { try regex.matches(in: $0, startingAt: [0, 0, 5, 11, 11]) }
        #expect(found == [0..<10, 11..<16])
    }
}
