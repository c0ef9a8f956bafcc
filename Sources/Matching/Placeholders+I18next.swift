extension PlaceholderScanner {
    /// i18next nesting at `i` (`$t(key)`, `$t(ns:key, {"count": {{n}}})`): the end after its `)`,
    /// or nil when the inside is not a key, optionally followed by a JSON options object.
    mutating func nesting(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x74), at(i + 2, until, 0x28) else { return nil } // t(
        var j = skipSpaces(i + 3, until)
        let keyStart = j
        while j < until, Self.isWord(bytes[j]) || bytes[j] == 0x2E || bytes[j] == 0x3A || bytes[j] == 0x2D { j += 1 }
        guard j > keyStart, Self.isWord(bytes[keyStart]) else { return nil }
        let key = text(keyStart..<j)
        j = skipSpaces(j, until)
        if at(j, until, 0x2C) { // , {options}
            j = skipSpaces(j + 1, until)
            guard at(j, until, 0x7B), let close = balanced(j + 1, until) else { return nil }
            j = skipSpaces(close + 1, until)
        }
        guard at(j, until, 0x29) else { return nil }
        found.append(Placeholder(range: i..<j + 1, name: key, syntax: .i18next))
        return j + 1
    }
}
