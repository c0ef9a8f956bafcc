/// The words a content model reads, in the text a check scans (its folded view, or its bytes
/// when folding would change only the case of ASCII letters).
///
/// A word is a run of letters (ASCII, or Latin letters U+00C0-U+024F such as `ñ`), ASCII ones
/// lowercased. A number is `<numN>` for N digits (6 or more: `<num6>`), with `.` or `,` between
/// digits; `<pct>` when `%` follows it; `<money>` when `$`, `€` or `£` comes right before it (or
/// one space before). Any other character but a space, tab or line end is a word of its own:
/// `!`, `/`, a `€` with no amount (folding has taken emoji out). Hashes are 64-bit FNV-1a over
/// the word's bytes, never 0.
enum ContentTokens {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of a word's bytes.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offset
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h == 0 ? 1 : h
    }

    /// The hash of two neighbouring words, from theirs.
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ 0x632B_E59B_D9B4_E019)
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h == 0 ? 1 : h
    }

    /// Hashes of the numbers' names, `<num1>` to `<num6>`.
    static let numbers: [UInt64] = (1...6).map { hash("<num\($0)>".utf8) }
    static let percent = hash("<pct>".utf8)
    static let money = hash("<money>".utf8)
    /// The hash of the feature of a text that may hold a link.
    static let link = hash(ContentModel.linkFeature.utf8)

    /// A word found: its hash, its bytes in the view, and for a number the name it stands for
    /// (1 to 6: `<num1>` to `<num6>`, 7: `<pct>`, 8: `<money>`; 0 for a word read as written).
    struct Word {
        var hash: UInt64
        var range: Range<Int>
        var special: UInt8 = 0

        /// The name of a number's word.
        var specialName: String? {
            switch special {
            case 0: return nil
            case 7: return "<pct>"
            case 8: return "<money>"
            default: return "<num\(special)>"
            }
        }
    }

    /// The words of a text, in order.
    struct Words: IteratorProtocol {
        let view: UnsafeBufferPointer<UInt8>
        var i = 0
        /// A currency sign waiting to see whether a number follows it.
        var currency: Range<Int>?

        init(_ view: UnsafeBufferPointer<UInt8>) { self.view = view }

        @inline(__always)
        mutating func next() -> Word? {
            let n = view.count
            while i < n {
                let b = view[i]
                let lower = b | 0x20
                if lower >= 0x61 && lower <= 0x7A || latinLetterLength(view, i) > 0 {
                    if let c = takeCurrency() { return c }
                    let start = i
                    var h = offset
                    while i < n {
                        let c = view[i], l = c | 0x20
                        if l >= 0x61 && l <= 0x7A {
                            h = (h ^ UInt64(l)) &* prime
                            i += 1
                        } else {
                            let length = latinLetterLength(view, i)
                            guard length > 0 else { break }
                            for k in i..<(i + length) { h = (h ^ UInt64(view[k])) &* prime }
                            i += length
                        }
                    }
                    return Word(hash: h == 0 ? 1 : h, range: start..<i)
                } else if b &- 0x30 < 10 {
                    let start = currency?.lowerBound ?? i
                    var digits = 0
                    var j = i
                    while j < n {
                        let c = view[j]
                        if c &- 0x30 < 10 {
                            digits += 1
                            j += 1
                        } else if (c == 0x2E || c == 0x2C) && j + 1 < n && view[j + 1] &- 0x30 < 10 {
                            j += 1
                        } else {
                            break
                        }
                    }
                    if j < n && view[j] == 0x25 {
                        // A percentage: a currency sign before it is a word of its own.
                        if let c = takeCurrency() { return c }
                        i = j + 1
                        return Word(hash: percent, range: start..<i, special: 7)
                    }
                    i = j
                    if currency != nil {
                        currency = nil
                        return Word(hash: money, range: start..<i, special: 8)
                    }
                    let k = min(digits, 6)
                    return Word(hash: numbers[k - 1], range: start..<i, special: UInt8(k))
                } else if b == 0x20 {
                    // One space may stand between a currency sign and its amount.
                    if currency != nil && !(i + 1 < n && view[i + 1] &- 0x30 < 10), let c = takeCurrency() { return c }
                    i += 1
                } else if b == 0x0A || b == 0x0D || b == 0x09 {
                    if let c = takeCurrency() { return c }
                    i += 1
                } else {
                    if let c = takeCurrency() { return c }
                    let length = b < 0x80 ? 1 : scalarLength(b, i, n)
                    let range = i..<(i + length)
                    i += length
                    if b == 0x24 || (length == 2 && b == 0xC2 && view[range.lowerBound + 1] == 0xA3)
                        || (length == 3 && b == 0xE2 && view[range.lowerBound + 1] == 0x82 && view[range.lowerBound + 2] == 0xAC) {
                        currency = range
                    } else {
                        return Word(hash: hash(view[range]), range: range)
                    }
                }
            }
            return takeCurrency()
        }

        /// The currency sign waiting, as a word of its own, when one is.
        @inline(__always)
        mutating func takeCurrency() -> Word? {
            guard let c = currency else { return nil }
            currency = nil
            return Word(hash: hash(view[c]), range: c)
        }
    }

    /// The length of a UTF-8 sequence led by `b` at `i`, kept within `n` bytes.
    @inline(__always)
    static func scalarLength(_ b: UInt8, _ i: Int, _ n: Int) -> Int {
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return min(length, n - i)
    }

    /// 2 when the bytes at `i` are a Latin letter from U+00C0 to U+024F (not × or ÷), else 0.
    @inline(__always)
    static func latinLetterLength(_ view: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = view[i]
        guard b >= 0xC3 && b <= 0xC9 && i + 1 < view.count else { return 0 }
        let scalar = (UInt32(b & 0x1F) << 6) | UInt32(view[i + 1] & 0x3F)
        return scalar >= 0xC0 && scalar <= 0x24F && scalar != 0xD7 && scalar != 0xF7 ? 2 : 0
    }

    /// The features of a text as a weights file names them, each once, in the order found.
    static func featureNames(of view: UnsafeBufferPointer<UInt8>, mayHaveLink: Bool) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        func add(_ s: String) { if seen.insert(s).inserted { names.append(s) } }
        var previous: String?
        var words = Words(view)
        while let word = words.next() {
            let name = word.specialName ?? String(decoding: view[word.range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            add(name)
            if let previous { add(previous + " " + name) }
            previous = name
        }
        if mayHaveLink { add(ContentModel.linkFeature) }
        return names
    }
}
