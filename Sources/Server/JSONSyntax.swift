import Matching

/// Where a request body stops being JSON (RFC 8259), for the `invalid_json` error that says so:
/// the decoder only says that it is not.
enum JSONSyntax {
    /// The first problem: what is wrong, at a line and column (in characters, from 1).
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var what: String

        /// "line 2, column 17: a `,` or `}` was expected".
        var description: String { "line \(line), column \(column): \(what)" }
    }

    private enum Expect { case value, key, colon, commaOrEnd }

    /// The first syntax problem of `bytes` (valid UTF-8), or nil when it is JSON.
    static func firstProblem(_ bytes: [UInt8]) -> Problem? {
        var stack: [UInt8] = []   // `{` or `[` of each open container
        var expect = Expect.value
        var i = 0
        func problem(_ what: String) -> Problem { locate(bytes, i, what) }
        while true {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else {
                return stack.isEmpty && expect == .commaOrEnd ? nil : problem("the body ends before the JSON does")
            }
            let c = bytes[i]
            switch expect {
            case .value, .key:
                if c == 0x22 {
                    guard let end = stringEnd(bytes, i) else { return problem("this string is not closed, or holds a raw control character or a bad escape") }
                    i = end
                    expect = expect == .key ? .colon : .commaOrEnd
                } else if expect == .key {
                    return problem(c == 0x7D ? "a `,` comes before this `}`; remove it" : "a key in double quotes was expected")
                } else if c == 0x7B || c == 0x5B {
                    stack.append(c)
                    i += 1
                    // An empty object or array closes at once.
                    var j = i
                    while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                    if j < bytes.count, bytes[j] == c + 2 { stack.removeLast(); i = j + 1; expect = .commaOrEnd } else { expect = c == 0x7B ? .key : .value }
                } else if let end = scalarEnd(bytes, i) {
                    i = end
                    expect = .commaOrEnd
                } else {
                    return problem(c == 0x5D ? "a `,` comes before this `]`; remove it" : "a value was expected (a string, number, object, array, true, false or null)")
                }
            case .colon:
                guard c == 0x3A else { return problem("a `:` was expected after the key") }
                i += 1
                expect = .value
            case .commaOrEnd:
                guard let open = stack.last else { return problem("the JSON ends before this; remove what follows") }
                if c == 0x2C {
                    i += 1
                    expect = open == 0x7B ? .key : .value
                } else if c == open + 2 {
                    stack.removeLast()
                    i += 1
                } else {
                    return problem(open == 0x7B ? "a `,` or `}` was expected" : "a `,` or `]` was expected")
                }
            }
        }
    }

    /// The offset after the string that starts at `i`, or nil when it is not a valid string.
    private static func stringEnd(_ b: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        while i < b.count {
            switch b[i] {
            case 0x22: return i + 1
            case 0x00..<0x20: return nil
            case 0x5C:
                guard i + 1 < b.count else { return nil }
                if b[i + 1] == 0x75 {
                    guard i + 6 <= b.count, b[(i + 2)..<(i + 6)].allSatisfy({ PercentEncoding.hexValue($0) != nil }) else { return nil }
                    i += 6
                } else {
                    guard [0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74].contains(b[i + 1]) else { return nil }
                    i += 2
                }
            default: i += 1
            }
        }
        return nil
    }

    /// The offset after the number, `true`, `false` or `null` at `i`, or nil when none is there.
    private static func scalarEnd(_ b: [UInt8], _ start: Int) -> Int? {
        for word in ["true", "false", "null"] where b[start...].starts(with: word.utf8) { return start + word.utf8.count }
        var i = start
        func digits() -> Int { let s = i; while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }; return i - s }
        if i < b.count, b[i] == 0x2D { i += 1 }
        guard i < b.count, (0x30...0x39).contains(b[i]) else { return nil }
        if b[i] == 0x30 { i += 1 } else { _ = digits() }
        if i < b.count, b[i] == 0x2E { i += 1; guard digits() > 0 else { return nil } }
        if i < b.count, b[i] | 0x20 == 0x65 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return nil }
        }
        return i
    }

    /// JSON's white space: space, tab, line feed, carriage return.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// `what` at byte `offset`, as a line and a column in characters.
    private static func locate(_ b: [UInt8], _ offset: Int, _ what: String) -> Problem {
        var line = 1, column = 1
        for k in 0..<min(offset, b.count) {
            if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
        }
        return Problem(line: line, column: column, what: what)
    }
}
