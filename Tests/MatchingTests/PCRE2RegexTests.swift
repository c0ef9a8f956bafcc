import Testing
import Matching

@Suite("PCRE2 regexes")
struct PCRE2RegexTests {
    func ranges(_ pattern: String, _ text: String, caseless: Bool = true) throws -> [Range<Int>] {
        let regex = try PCRE2Regex(pattern, caseless: caseless)
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try regex.matches(in: $0) }
    }

    @Test("a compile error gives PCRE2's message and the offset of the problem")
    func compileError() {
        #expect {
            _ = try PCRE2Regex("fo)rbidden")
        } throws: { error in
            guard case PCRE2Error.compile(let message, let offset) = error else { return false }
            return offset == 2 && message.contains("parenthesis")
        }
        #expect {
            _ = try PCRE2Regex("(abc")
        } throws: { error in
            guard case PCRE2Error.compile(let message, let offset) = error else { return false }
            return offset == 4 && message.contains("missing closing parenthesis")
        }
    }

    @Test("the compile error reads as a sentence with the offset")
    func compileErrorDescription() {
        let error = PCRE2Error.compile(message: "missing closing parenthesis", offset: 4)
        #expect(error.description == "invalid regex at offset 4: missing closing parenthesis")
    }

    @Test("matching is caseless by default and can be case-sensitive")
    func caseless() throws {
        #expect(try PCRE2Regex("cbd").matches("Buy CBD"))
        #expect(try !PCRE2Regex("cbd", caseless: false).matches("Buy CBD"))
        #expect(try PCRE2Regex("cbd", caseless: false).matches("Buy cbd"))
        #expect(try PCRE2Regex("straße").matches("STRAßE"))
    }

    @Test("matches are UTF-8 byte ranges")
    func byteRanges() throws {
        #expect(try ranges("cbd", "é cbd") == [3..<6])
        #expect(try ranges("a", "banana") == [1..<2, 3..<4, 5..<6])
        #expect(try ranges(#"\w+"#, "héllo wörld") == [0..<6, 7..<13])
        #expect(try ranges(#"\bfree\b"#, "carefree free") == [9..<13])
    }

    @Test("empty matches step over whole UTF-8 characters")
    func emptyMatches() throws {
        #expect(try ranges("x*", "é😀") == [0..<0, 2..<2, 6..<6])
    }

    @Test("no match gives no ranges, on empty text too")
    func noMatch() throws {
        #expect(try ranges("cbd", "nothing here") == [])
        #expect(try ranges("cbd", "") == [])
    }

    @Test("a catastrophic pattern returns: it finds nothing or stops at its limit")
    func catastrophic() throws {
        let regex = try PCRE2Regex("(a+)+$")
        let text = Array("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".utf8)
        do {
            let found = try text.withUnsafeBufferPointer { try regex.matches(in: $0) }
            #expect(found.isEmpty)
        } catch {
            #expect(error as? PCRE2Error == .limitExceeded(pattern: "(a+)+$"))
        }
    }

    @Test("one compiled regex can be used from many tasks at once")
    func concurrent() async throws {
        let regex = try PCRE2Regex(#"\d{3}-\d{4}"#)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<64 {
                group.addTask { (try? regex.matches("call 555-\(1000 + i) now")) ?? false }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
