import Matching

/// Counts letters and capitals by word over Unicode scalars, skipping excluded ranges and
/// words on an allow-list that are written in capitals (STOP, MRI, A1C). A word is a run of
/// letters and digits; only letters are counted.
enum CapsCounter {
    /// Letters and capitals of the text outside `excluding` (scalar ranges, sorted).
    /// `ascii` says the text is pure ASCII (the scan's counts know), which takes a faster path.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, excluding: [Range<Int>],
                      allow: CapsAllowList) -> (letters: Int, upper: Int) {
        ascii ? countASCII(bytes, excluding: excluding, allow: allow)
            : countScalars(bytes, excluding: excluding, allow: allow)
    }

    /// `count` for any text, scalar by scalar.
    static func countScalars(_ bytes: UnsafeBufferPointer<UInt8>, excluding: [Range<Int>],
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
            } else if PlainSymbols.contains(s.value) {
                (isLetter, isUpper, isDigit) = (false, false, false)
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

    /// `count` for pure ASCII text, where a scalar is a byte: words are runs of ASCII letters
    /// and digits, read without decoding.
    static func countASCII(_ bytes: UnsafeBufferPointer<UInt8>, excluding: [Range<Int>],
                           allow: CapsAllowList) -> (letters: Int, upper: Int) {
        var letters = 0, upper = 0
        var i = 0
        var next = 0
        let n = bytes.count
        while i < n {
            if next < excluding.count && excluding[next].lowerBound <= i {
                i = max(i, excluding[next].upperBound)
                next += 1
                continue
            }
            let limit = next < excluding.count ? min(n, excluding[next].lowerBound) : n
            guard isWordByte(bytes[i]) else { i += 1; continue }
            var j = i, wordLetters = 0, wordUpper = 0
            var key: UInt64 = 0
            while j < limit && isWordByte(bytes[j]) {
                let b = bytes[j]
                if b >= 0x41 && b <= 0x5A { wordUpper += 1; wordLetters += 1 } else if b >= 0x61 { wordLetters += 1 }
                if j - i < 8 { key |= UInt64(b) << (8 * UInt64(j - i)) }
                j += 1
            }
            let length = j - i
            if wordLetters > 0 {
                var allowed = false
                if wordUpper == wordLetters && length <= allow.longest {
                    allowed = length <= 8 ? allow.packed.contains(key)
                        : allow.other.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self))
                }
                if !allowed {
                    letters += wordLetters
                    upper += wordUpper
                }
            }
            i = j
        }
        return (letters, upper)
    }

    /// An ASCII letter or digit.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39)
    }
}
