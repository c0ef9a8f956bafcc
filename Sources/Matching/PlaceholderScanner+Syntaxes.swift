/// The syntaxes `PlaceholderScanner` reads: for each, a method given the index of its first
/// byte records the placeholder that starts there in `found` and returns its end, or nil when
/// none does.
extension PlaceholderScanner {
    /// A Mustache tag in delimiters set by `{{=<% %>=}}`; a further set-delimiter tag changes them again.
    mutating func customMustache(_ i: Int, _ until: Int, _ d: (open: [UInt8], close: [UInt8])) -> Int? {
        var j = i + d.open.count
        while j < until, !starts(d.close, at: j, until) { j += 1 }
        guard j < until else { return nil }
        let end = j + d.close.count
        let inside = text((i + d.open.count)..<j).placeholderTrimmed
        var name: String? = nil
        if inside.hasPrefix("="), inside.hasSuffix("="), inside.count > 2 {
            setDelimiters(String(inside.dropFirst().dropLast()))
        } else if let sigil = inside.first, !"#^/!>=".contains(sigil) {
            let head = inside.drop { $0 == "&" || $0 == " " }.split(separator: " ").first.map(String.init) ?? ""
            name = head.isEmpty || head == "else" ? nil : head
        }
        found.append(Placeholder(range: i..<end, name: name, syntax: .mustache))
        return end
    }

    /// New delimiters from the inside of a set-delimiter tag (`<% %>`); `{{ }}` restores the default.
    mutating func setDelimiters(_ inside: String) {
        let parts = inside.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return }
        let open = Array(parts[0].utf8), close = Array(parts[1].utf8)
        delimiters = open == Array("{{".utf8) && close == Array("}}".utf8) ? nil : (open, close)
    }

    mutating func mustache(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x7B), let close = find(0x7D, 0x7D, from: i + 2, until) else { return nil }
        var end = close + 2
        let triple = at(i + 2, until, 0x7B)
        if triple && at(end, until, 0x7D) { end += 1 }
        var inside = Substring(text((i + (triple ? 3 : 2))..<close))
        inside = inside.drop { $0 == " " || $0 == "-" || $0 == "~" }
        var name: String? = nil
        if inside.first == "=", !triple {
            // {{=<% %>=}}: the tags that follow use these delimiters.
            let body = inside.dropFirst().placeholderTrimmedSubstring
            if body.hasSuffix("=") { setDelimiters(String(body.dropLast())) }
        } else if let sigil = inside.first, !"#^/!>=".contains(sigil) {
            if sigil == "&" { inside = inside.dropFirst() }
            let head = inside.split(whereSeparator: { $0 == "|" || $0 == " " || $0 == "," || $0 == "~" }).first.map(String.init) ?? ""
            name = head.isEmpty || head == "else" ? nil : head
        }
        found.append(Placeholder(range: i..<end, name: name, syntax: .mustache))
        return end
    }

    mutating func jinja(_ i: Int, _ until: Int) -> Int? {
        guard i + 1 < until else { return nil }
        let kind = bytes[i + 1]
        guard kind == 0x25 || kind == 0x23, let close = find(kind, 0x7D, from: i + 2, until) else { return nil }
        found.append(Placeholder(range: i..<close + 2, name: nil, syntax: .jinja))
        return close + 2
    }

    mutating func rails(_ i: Int, _ until: Int) -> Int? {
        if at(i + 1, until, 0x7B) {
            var j = i + 2
            while j < until, Self.isWord(bytes[j]) || bytes[j] == 0x7C { j += 1 }
            guard j > i + 2, at(j, until, 0x7D) else { return nil }
            found.append(Placeholder(range: i..<j + 1, name: text(i + 2..<j), syntax: .rails))
            return j + 1
        }
        guard at(i + 1, until, 0x3C) else { return nil }
        let j = word(i + 2, until)
        guard j > i + 2, at(j, until, 0x3E), let end = conversion(j + 1, until, "bBdiouxXeEfgGcps") else { return nil }
        found.append(Placeholder(range: i..<end, name: text(i + 2..<j), syntax: .rails))
        return end
    }

    /// The end of `[flags][width][.precision][length]conv` starting at `i`, or nil.
    func conversion(_ i: Int, _ until: Int, _ convs: String, lengths: Bool = false) -> Int? {
        var j = i
        while j < until, "-+ 0#'".utf8.contains(bytes[j]) { j += 1 }
        while j < until, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2A { j += 1 }
        if at(j, until, 0x2E) {
            j += 1
            while j < until, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2A { j += 1 }
        }
        if lengths { while j < until, "hlLqjzt".utf8.contains(bytes[j]) { j += 1 } }
        guard j < until, convs.utf8.contains(bytes[j]) else { return nil }
        return j + 1
    }

    mutating func pythonPercent(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x28) else { return nil }
        let j = word(i + 2, until)
        guard j > i + 2, at(j, until, 0x29), let end = conversion(j + 1, until, "diouxXeEfFgGcrsa", lengths: true) else { return nil }
        found.append(Placeholder(range: i..<end, name: text(i + 2..<j), syntax: .pythonPercent))
        return end
    }

    mutating func printf(_ i: Int, _ until: Int, apple: Bool) -> Int? {
        var j = i + 1
        var position: String? = nil
        let digits = j
        while j < until, bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
        if j > digits, at(j, until, 0x24) { position = text(digits..<j); j += 1 } else { j = digits }
        if apple, at(j, until, 0x23), at(j + 1, until, 0x40) {
            // %#@name@: a substitution (plural variable) of a String Catalog or stringsdict.
            let e = word(j + 2, until)
            guard e > j + 2, at(e, until, 0x40) else { return nil }
            found.append(Placeholder(range: i..<e + 1, name: text(j + 2..<e), syntax: .apple))
            return e + 1
        }
        guard let end = conversion(j, until, apple ? "diouxXeEfFgGaAcsSp@" : "diouxXeEfFgGaAcsp", lengths: true) else { return nil }
        found.append(Placeholder(range: i..<end, name: position, syntax: apple ? .apple : .printf))
        return end
    }

    mutating func notify(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x28) else { return nil }
        var j = i + 2
        while j < until, bytes[j] != 0x28 && bytes[j] != 0x29 { j += 1 }
        guard j > i + 2, at(j, until, 0x29), at(j + 1, until, 0x29) else { return nil }
        if let q = find(0x3F, 0x3F, from: i + 2, j) {
            // ((name??text)): the text shows when the value says so; it stays text to check.
            found.append(Placeholder(range: i..<q + 2, name: text(i + 2..<q), syntax: .notify))
            found.append(Placeholder(range: j..<j + 2, name: nil, syntax: .notify))
        } else {
            found.append(Placeholder(range: i..<j + 2, name: text(i + 2..<j), syntax: .notify))
        }
        return j + 2
    }

    mutating func dollar(_ i: Int, _ until: Int) -> Int? {
        guard at(i + 1, until, 0x7B), let close = balanced(i + 2, until), close > i + 2 else { return nil }
        let inside = text(i + 2..<close).placeholderTrimmed
        guard !inside.isEmpty, !inside.contains("\n") else { return nil }
        found.append(Placeholder(range: i..<close + 1, name: inside, syntax: .dollar))
        return close + 1
    }

    mutating func python(_ i: Int, _ until: Int) -> Int? {
        var j = word(i + 1, until)
        // Attribute and index parts: .attr, [key].
        while j < until {
            if bytes[j] == 0x2E, j > i + 1 { let e = word(j + 1, until); guard e > j + 1 else { return nil }; j = e; continue }
            if bytes[j] == 0x5B { var e = j + 1; while e < until, bytes[e] != 0x5D, bytes[e] != 0x7D { e += 1 }
                guard at(e, until, 0x5D) else { return nil }; j = e + 1; continue }
            break
        }
        let nameEnd = j
        if at(j, until, 0x21) { guard j + 1 < until, "rsa".utf8.contains(bytes[j + 1]) else { return nil }; j += 2 }
        if at(j, until, 0x3A) {
            j += 1
            while j < until, bytes[j] != 0x7D, bytes[j] != 0x0A { if bytes[j] == 0x7B { return nil }; j += 1 }
        }
        guard at(j, until, 0x7D) else { return nil }
        let name = text(i + 1..<nameEnd)
        found.append(Placeholder(range: i..<j + 1, name: name.isEmpty ? nil : name, syntax: .python))
        return j + 1
    }

    /// An ICU (or Java) MessageFormat argument; `plural`, `select` and `selectordinal` yield
    /// their tags and leave each branch's text to be scanned as text.
    mutating func icu(_ i: Int, _ until: Int, depth: Int) -> Int? {
        var j = skipSpaces(i + 1, until)
        let nameStart = j
        j = word(j, until)
        guard j > nameStart else { return nil }
        let name = text(nameStart..<j)
        let numbered = name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if !syntaxes.contains(.icu) && !numbered { return nil }
        let syntax: PlaceholderSyntax = syntaxes.contains(.icu) ? .icu : .java
        j = skipSpaces(j, until)
        if at(j, until, 0x7D) {
            found.append(Placeholder(range: i..<j + 1, name: name, syntax: syntax))
            return j + 1
        }
        guard at(j, until, 0x2C) else { return nil }
        j = skipSpaces(j + 1, until)
        let typeStart = j
        j = word(j, until)
        let type = text(typeStart..<j).lowercased()
        guard !type.isEmpty else { return nil }
        j = skipSpaces(j, until)
        if at(j, until, 0x7D) {
            found.append(Placeholder(range: i..<j + 1, name: name, syntax: syntax))
            return j + 1
        }
        guard at(j, until, 0x2C) else { return nil }
        guard ["plural", "select", "selectordinal"].contains(type), depth < 8 else {
            guard let close = balanced(j + 1, until) else { return nil }
            found.append(Placeholder(range: i..<close + 1, name: name, syntax: syntax))
            return close + 1
        }
        let kept = found.count
        found.append(Placeholder(range: i..<j + 1, name: nil, syntax: syntax))
        var k = j + 1
        while true {
            k = skipSpaces(k, until)
            guard k < until else { found.removeLast(found.count - kept); return nil }
            if bytes[k] == 0x7D {
                found.append(Placeholder(range: k..<k + 1, name: nil, syntax: syntax))
                return k + 1
            }
            let selectorStart = k
            while k < until, bytes[k] != 0x7B, bytes[k] != 0x7D, bytes[k] != 0x20, bytes[k] != 0x0A { k += 1 }
            let selector = text(selectorStart..<k)
            if selector.hasPrefix("offset:") {
                found.append(Placeholder(range: selectorStart..<k, name: nil, syntax: syntax))
                continue
            }
            let open = skipSpaces(k, until)
            guard !selector.isEmpty, at(open, until, 0x7B), let close = balanced(open + 1, until) else {
                found.removeLast(found.count - kept); return nil
            }
            found.append(Placeholder(range: selectorStart..<open + 1, name: nil, syntax: syntax))
            scan(from: open + 1, until: close, branchDepth: depth + 1, pluralBranch: type != "select")
            found.append(Placeholder(range: close..<close + 1, name: nil, syntax: syntax))
            k = close + 1
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    var placeholderTrimmedSubstring: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var placeholderTrimmed: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
