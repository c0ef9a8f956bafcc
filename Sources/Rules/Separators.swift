import Matching

/// Letters written apart, a separator between every two: `c b d`, `c.b.d`, `c. b. d`, `w-e-e-d`, `c/b/d`,
/// `x.x.x p.i.c.s`, `t & c`. A view of the message joins each run of single letters (`Separators.joined`),
/// and every term with spaces or separators is also found written without them (`getlaid`), so
/// `g e t l a i d`, whose word breaks are lost, is found as `get laid`.
enum Separators {
    /// Fewest single letters in a run that is joined; two letters apart are too often initials.
    static let minLetters = 3
    /// Fewest letters or digits among them (`t & c`), so that a row of symbols is no run.
    static let minWordLetters = 2
    /// Most separator bytes between two letters of a run (`c - b - d`).
    static let maxGap = 3

    /// Bytes that separate letters written apart: white space and `. - _ * / \ , : ; | + ~ ^ = ( )`
    /// (`c.b.d`, `c/b/d`, `c,b,d`, `c|b|d`, `c~b~d`, and `(c)(b)(d)`, which is what NFKC makes of
    /// the parenthesized letters `⒞⒝⒟`). Other ASCII punctuation is a symbol of its own in a run
    /// (`$` and `@` stand for letters; `&` and `'` join a word).
    @inline(__always)
    static func isSeparator(_ b: UInt8) -> Bool {
        LiteralAutomaton.isSpace(b) || separatorPunctuation[Int(b)]
    }

    private static let separatorPunctuation: [Bool] = (0..<256).map { v in
        ".-_*/\\,:;|+~^=()".utf8.contains(UInt8(v))
    }

    /// The separators a term's literal is always also found without (`getlaid` for `get laid`):
    /// white space, `.`, `-`, `_` and `*`, which the automaton matches alike. Other punctuation
    /// goes only where a letter is left (see `squashed`).
    @inline(__always)
    static func isLiteralSeparator(_ b: UInt8) -> Bool {
        LiteralAutomaton.isSpace(b) || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2A
    }

    /// Bytes of a word here: those of the automaton's words, and an apostrophe (`y o u ' v e`).
    @inline(__always)
    static func isWordPart(_ b: UInt8) -> Bool { TermForm.isWord(b) || b == 0x27 }

    /// Whether the word `bytes[start..<end]` is one letter: one byte, or one scalar of UTF-8.
    @inline(__always)
    static func isSingle(_ first: UInt8, _ length: Int) -> Bool {
        length == 1 || (length == 2 && first >= 0xC2 && first <= 0xDF) || (length == 3 && first >= 0xE0 && first <= 0xEF)
            || (length == 4 && first >= 0xF0)
    }

    /// Whether `b` is a symbol written as a letter of its own between separators (`t & c`,
    /// `$ e x`): ASCII punctuation other than the separators.
    @inline(__always)
    static func isSymbol(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F && !isWordPart(b) && !isSeparator(b)
    }

    /// The runs of at least `minLetters` single letters or symbols in `bytes`, one to `maxGap`
    /// separators between every two: the byte range of each letter of each run.
    static func runs(_ bytes: UnsafeBufferPointer<UInt8>) -> [[Range<Int>]] {
        var runs: [[Range<Int>]] = []
        var run: [Range<Int>] = []
        func close() {
            if run.count >= minLetters && run.filter({ isWordPart(bytes[$0.lowerBound]) }).count >= minWordLetters {
                runs.append(run)
            }
            run.removeAll(keepingCapacity: true)
        }
        let n = bytes.count
        var i = 0
        while i < n {
            let start = i
            if isWordPart(bytes[i]) {
                while i < n && isWordPart(bytes[i]) { i += 1 }
            } else if isSymbol(bytes[i]) {
                i += 1
            } else {
                i += 1
                continue
            }
            guard isSingle(bytes[start], i - start) else { close(); continue }
            if let last = run.last {
                let gap = last.upperBound..<start
                if gap.isEmpty || gap.count > maxGap || !gap.allSatisfy({ isSeparator(bytes[$0]) }) { close() }
            }
            run.append(start..<i)
        }
        close()
        return runs
    }

    /// Each byte's part in a run, looked up once: a word's byte (1), a separator (2), a symbol
    /// (3), or none (0).
    private static let part: [UInt8] = (0..<256).map { v in
        let b = UInt8(v)
        return isWordPart(b) ? 1 : isSeparator(b) ? 2 : isSymbol(b) ? 3 : 0
    }

    /// Whether `bytes` holds a run of letters written apart, without building the runs: one
    /// pass that counts the single letters or symbols of the current run.
    static func mayHaveRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        part.withUnsafeBufferPointer { part in
            var singles = 0, words = 0
            var wordLength = 0, first: UInt8 = 0
            // Separators since the last word or symbol, or -1 once anything else came between.
            var gap = 0
            for b in bytes {
                let kind = part[Int(b)]
                if kind == 1 {
                    if wordLength == 0 { first = b }
                    wordLength += 1
                    continue
                }
                if wordLength > 0 {
                    // A word ends: one more letter of the run if single and after a good gap.
                    if isSingle(first, wordLength) {
                        let goes = gap >= 1 && gap <= maxGap
                        singles = goes ? singles + 1 : 1
                        words = goes ? words + 1 : 1
                        if singles >= minLetters && words >= minWordLetters { return true }
                    } else {
                        singles = 0
                        words = 0
                    }
                    wordLength = 0
                    gap = 0
                }
                if kind == 3 {
                    let goes = gap >= 1 && gap <= maxGap
                    singles = goes ? singles + 1 : 1
                    words = goes ? words : 0
                    if singles >= minLetters && words >= minWordLetters { return true }
                    gap = 0
                } else if gap >= 0 {
                    gap = kind == 2 ? gap + 1 : -1
                }
            }
            guard wordLength > 0, isSingle(first, wordLength) else { return false }
            let goes = gap >= 1 && gap <= maxGap
            return (goes ? singles + 1 : 1) >= minLetters && (goes ? words + 1 : 1) >= minWordLetters
        }
    }

    /// `bytes` with the letters of each run of `found` joined (`c.b.d` as `cbd`), and for each
    /// byte of it the offset of the byte of `bytes` it is. With `keepingEdgeWords`, a one-letter
    /// word that starts or ends a longer run stays a word of its own (`a w e e d` as `a weed`,
    /// `w e e d y` as `weed y`), where joining it would hide the term behind it.
    static func joined(_ bytes: UnsafeBufferPointer<UInt8>, runs found: [[Range<Int>]],
                       keepingEdgeWords: Bool) -> (bytes: [UInt8], origin: [Int32]) {
        var out: [UInt8] = [], origin: [Int32] = []
        out.reserveCapacity(bytes.count)
        origin.reserveCapacity(bytes.count)
        var at = 0
        func copy(_ range: Range<Int>) {
            for k in range { out.append(bytes[k]); origin.append(Int32(k)) }
        }
        for run in found {
            copy(at..<run[0].lowerBound)
            let keepFirst = keepingEdgeWords && run.count > minLetters && isOneLetterWord(bytes, run[0])
            let keepLast = keepingEdgeWords && run.count > minLetters + (keepFirst ? 1 : 0) && isOneLetterWord(bytes, run[run.count - 1])
            for (k, letter) in run.enumerated() {
                // A kept word keeps its separator (as written) from the joined letters beside it.
                if keepLast && k == run.count - 1 { copy(run[k - 1].upperBound..<letter.lowerBound) }
                copy(letter)
                if keepFirst && k == 0 { copy(letter.upperBound..<run[1].lowerBound) }
            }
            at = run[run.count - 1].upperBound
        }
        copy(at..<bytes.count)
        return (out, origin)
    }

    /// Whether a run of `found` starts or ends with a one-letter word that `joined(_:runs:keepingEdgeWords:)` would keep.
    static func hasEdgeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ found: [[Range<Int>]]) -> Bool {
        found.contains { run in
            run.count > minLetters && (isOneLetterWord(bytes, run[0]) || isOneLetterWord(bytes, run[run.count - 1]))
        }
    }

    /// Whether `letter` is a word of one letter in English or Spanish (`a`, `I`, `y`, `o`, `e`, `u`).
    private static func isOneLetterWord(_ bytes: UnsafeBufferPointer<UInt8>, _ letter: Range<Int>) -> Bool {
        letter.count == 1 && "aiyoeu".utf8.contains(LiteralAutomaton.lowercased(bytes[letter.lowerBound]))
    }

    /// A term's literal without its spaces and separators (`getlaid` for `get laid`), as the
    /// joined view reads it written apart; nil when it has none, or fewer than `minLetters` bytes.
    /// Punctuation that only the joined view drops goes too when a letter is left (`1/2 price`
    /// as `12price`, `indica/sativa` as `indicasativa`), never from a number (`24/7` stays).
    /// Only separators between the term's own characters go: one at its edge (`/pill`) is what
    /// the term needs beside it, and without it the literal would be a bare word (`pill`).
    static func squashed(_ literal: [UInt8]) -> [UInt8]? {
        let narrow = withoutInner(isLiteralSeparator, literal)
        let broad = withoutInner(isSeparator, literal)
        let kept = broad.contains(where: { StandIns.isLetter($0) || $0 >= 0x80 }) ? broad : narrow
        return kept.count != literal.count && kept.count >= minLetters ? kept : nil
    }

    /// `literal` without the bytes `drop` takes between its first and last byte it keeps.
    private static func withoutInner(_ drop: (UInt8) -> Bool, _ literal: [UInt8]) -> [UInt8] {
        guard let first = literal.firstIndex(where: { !drop($0) }), let last = literal.lastIndex(where: { !drop($0) })
        else { return literal }
        return Array(literal[..<first]) + literal[first...last].filter { !drop($0) } + literal[(last + 1)...]
    }
}
