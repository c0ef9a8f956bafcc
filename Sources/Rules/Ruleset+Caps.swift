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
        for (k, r) in capsRules.enumerated() {
            let maxRatio = capsLimits[k].maxRatio, minLetters = capsLimits[k].minLetters
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
            guard Ruleset.mayShout(original, letters: letters, upper: upper, capsLimits[k]) else { continue }
            var excludedScalars: [Range<Int>] = []
            if !excluded.isEmpty {
                let map = ScalarMap(original)
                excludedScalars = excluded.map { map.scalars($0) }
            }
            guard case .caps(_, _, let allow) = compiled[r] else { continue }
            let count = CapsCounter.count(original.bytes, excluding: excludedScalars, allow: allow)
            guard count.letters >= minLetters, Double(count.upper) > maxRatio * Double(count.letters) else { continue }
            var from = 0, to = view.count
            while from < to && LiteralAutomaton.isSpace(view[from]) { from += 1 }
            while to > from && LiteralAutomaton.isSpace(view[to - 1]) { to -= 1 }
            spans.append(RuleSpan(rule: r, range: from..<to))
        }
    }
}

extension Ruleset {
    /// Whether a message may be over a caps rule's limits, judged from counts alone: `letters`
    /// and `upper` are its ASCII counts outside links and placeholders (all of them by default).
    static func mayShout(_ original: OriginalText, letters: Int? = nil, upper: Int? = nil, _ limits: CapsLimits) -> Bool {
        let letters = letters ?? original.counts.letters, upper = upper ?? original.counts.upper
        // Only pure ASCII text can be decided from its ASCII counts: in any other text,
        // inert or normalised, non-ASCII letters (Ü in ÜBER) count as well.
        if original.isASCII {
            return letters >= limits.minLetters && Double(upper) > limits.maxRatio * Double(letters)
        }
        let possible = Double(original.counts.upper + original.counts.nonASCII)
        return possible > limits.maxRatio * Double(limits.minLetters) && possible > limits.maxRatio * Double(letters)
    }
}

/// Words a caps-ratio rule does not count when written in capitals (STOP, MRI, A1C), kept so
/// that a word of up to eight ASCII characters is looked up as one integer, without a string.
struct CapsAllowList: Sendable {
    let packed: PackedWordSet
    let other: Set<String>
    let longest: Int

    init(_ words: [String]) {
        var packed: Set<UInt64> = [], other: Set<String> = []
        for w in words {
            if let key = CapsAllowList.key(Array(w.utf8)) {
                packed.insert(key)
            } else if w.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType == .decimal }) {
                // Words are runs of letters and digits: an entry with punctuation (COVID-19) never
                // matches one, so only such entries need spelling out.
                other.insert(w)
            }
        }
        self.packed = PackedWordSet(packed)
        self.other = other
        self.longest = words.map { $0.unicodeScalars.count }.max() ?? 0
    }

    /// Up to eight ASCII capitals and digits packed into an integer.
    static func key(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 8, bytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        var k: UInt64 = 0
        for (i, b) in bytes.enumerated() { k |= UInt64(b) << (8 * UInt64(i)) }
        return k
    }
}

/// Counts letters and capitals by word over Unicode scalars, skipping excluded ranges and
/// words on an allow-list that are written in capitals (STOP, MRI, A1C). A word is a run of
/// letters and digits; only letters are counted.
enum CapsCounter {
    /// Letters and capitals of the text outside `excluding` (scalar ranges, sorted).
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, excluding: [Range<Int>],
                      allow: CapsAllowList) -> (letters: Int, upper: Int) {
        var letters = 0, upper = 0
        var word = Word()
        /// Counts the word that just ended unless it is on the allow-list in capitals.
        func endWord(at end: Int) {
            if word.letters > 0 {
                var allowed = false
                if word.upper == word.letters && word.length <= allow.longest {
                    if word.keyable && word.length <= 8 {
                        allowed = allow.packed.contains(word.key)
                    } else {
                        // Spelled out only here: a long or non-ASCII word in capitals.
                        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[word.start..<end]), as: UTF8.self)
                        allowed = allow.other.contains(text)
                    }
                }
                if !allowed {
                    letters += word.letters
                    upper += word.upper
                }
            }
            word = Word()
        }
        var index = 0
        var next = 0
        var offset = 0
        while offset < bytes.count {
            let at = offset
            // ASCII bytes are their own scalars; only other text goes through the decoder.
            let s: Unicode.Scalar
            if bytes[offset] < 0x80 {
                s = Unicode.Scalar(bytes[offset])
                offset += 1
            } else {
                var iterator = UnsafeBufferPointer(rebasing: bytes[offset...]).makeIterator()
                var decoder = UTF8()
                guard case .scalarValue(let decoded) = decoder.decode(&iterator) else { break }
                s = decoded
                offset += UTF8.width(decoded)
            }
            defer { index += 1 }
            while next < excluding.count && excluding[next].upperBound <= index { next += 1 }
            if next < excluding.count && excluding[next].contains(index) { endWord(at: at); continue }
            let isLetter: Bool, isUpper: Bool, isDigit: Bool
            if s.isASCII {
                let b = UInt8(s.value)
                isUpper = b >= 0x41 && b <= 0x5A
                isLetter = isUpper || (b >= 0x61 && b <= 0x7A)
                isDigit = b >= 0x30 && b <= 0x39
            } else {
                let p = s.properties
                isLetter = p.isAlphabetic
                isUpper = isLetter && p.isUppercase
                isDigit = !isLetter && p.numericType == .decimal
            }
            guard isLetter || isDigit else { endWord(at: at); continue }
            if word.length == 0 { word.start = at }
            word.length += 1
            if isLetter { word.letters += 1 }
            if isUpper { word.upper += 1 }
            // Up to eight ASCII capitals and digits are packed into the key as they come.
            if s.isASCII && word.keyable && word.length <= 8 {
                word.key |= UInt64(s.value) << (8 * UInt64(word.length - 1))
            } else {
                word.keyable = false
            }
        }
        endWord(at: bytes.count)
        return (letters, upper)
    }

    /// The word being counted.
    struct Word {
        var start = 0
        var length = 0, letters = 0, upper = 0
        var key: UInt64 = 0
        var keyable = true
    }
}

/// A small set of words packed into integers (`CapsAllowList.key`), looked up with one
/// multiplication and a probe or two: words are looked up once per capitalised word of a
/// message, where a general-purpose hash costs more than the rest of the count.
struct PackedWordSet: Sendable {
    private let slots: [UInt64]
    private let mask: Int

    init(_ keys: Set<UInt64>) {
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for key in keys where key != 0 {
            var i = PackedWordSet.slot(key, size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = key
        }
        self.slots = slots
        self.mask = size - 1
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Whether `key` is in the set (0, the empty word, never is).
    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return false }
        var i = PackedWordSet.slot(key, mask)
        while true {
            let k = slots[i]
            if k == key { return true }
            if k == 0 { return false }
            i = (i + 1) & mask
        }
    }
}
