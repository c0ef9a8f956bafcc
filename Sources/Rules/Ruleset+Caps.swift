import Matching

extension Ruleset {
    /// Applies `caps-ratio` rules. Pure-ASCII text is decided from the scan's counts alone unless
    /// it is close to shouting; only then are words compared with the allow-list.
    func checkCaps(_ view: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts, _ links: [LinkMatch],
                   _ original: OriginalText, into spans: inout [RuleSpan]) {
        var excluded: [Range<Int>] = []
        if !links.isEmpty || counts.braces > 0 {
            excluded = links.map { $0.range }
            if counts.braces > 0 { excluded += Placeholders.ranges(in: view) }
            excluded = Ruleset.merge(excluded)
        }
        for r in capsRules {
            guard case .caps(let maxRatio, let minLetters, let allow, let longest) = compiled[r] else { continue }
            // Bounds from the scan's counts decide most messages without looking at words:
            // capitals can only be ASCII capitals or non-ASCII characters, and letters are at
            // least the ASCII letters outside links and placeholders.
            var letters = original.counts.letters, upper = original.counts.upper
            for x in excluded {
                for b in view[x] {
                    if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { letters -= 1 }
                    if b >= 0x41 && b <= 0x5A { upper -= 1 }
                }
            }
            if original.normalized == nil {
                guard letters >= minLetters, Double(upper) > maxRatio * Double(letters) else { continue }
            } else {
                let possible = Double(original.counts.upper + original.counts.nonASCII)
                guard possible > maxRatio * Double(minLetters), possible > maxRatio * Double(letters) else { continue }
            }
            let count = CapsCounter.count(original.bytes, excluding: excluded.map { original.scalars($0) }, allow: allow, longest: longest)
            guard count.letters >= minLetters, Double(count.upper) > maxRatio * Double(count.letters) else { continue }
            var from = 0, to = view.count
            while from < to && LiteralAutomaton.isSpace(view[from]) { from += 1 }
            while to > from && LiteralAutomaton.isSpace(view[to - 1]) { to -= 1 }
            spans.append(RuleSpan(rule: r, range: from..<to))
        }
    }
}

/// Counts letters and capitals by word over Unicode scalars, skipping excluded ranges and
/// words on an allow-list that are written in capitals (STOP, MRI).
enum CapsCounter {
    /// Letters and capitals; `longest` is the length of the longest allowed word.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, excluding: [Range<Int>],
                      allow: Set<String>, longest: Int) -> (letters: Int, upper: Int) {
        var letters = 0, upper = 0
        var wordLetters = 0, wordUpper = 0
        var word = String.UnicodeScalarView()
        func endWord() {
            if wordLetters > 0 && !(wordUpper == wordLetters && wordLetters <= longest && allow.contains(String(word))) {
                letters += wordLetters
                upper += wordUpper
            }
            wordLetters = 0; wordUpper = 0
            if !word.isEmpty { word.removeAll(keepingCapacity: true) }
        }
        var index = 0
        var next = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let s) = decoder.decode(&iterator) {
            defer { index += 1 }
            while next < excluding.count && excluding[next].upperBound <= index { next += 1 }
            if next < excluding.count && excluding[next].contains(index) { endWord(); continue }
            let isLetter: Bool, isUpper: Bool
            if s.isASCII {
                let b = UInt8(s.value)
                isUpper = b >= 0x41 && b <= 0x5A
                isLetter = isUpper || (b >= 0x61 && b <= 0x7A)
            } else {
                let p = s.properties
                isLetter = p.isAlphabetic
                isUpper = isLetter && p.isUppercase
            }
            guard isLetter else { endWord(); continue }
            wordLetters += 1
            if isUpper { wordUpper += 1 }
            // Only an all-capitals word short enough to be on the allow-list is spelled out.
            if wordUpper == wordLetters && wordLetters <= longest { word.append(s) }
        }
        endWord()
        return (letters, upper)
    }
}
