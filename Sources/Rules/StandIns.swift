/// Digits and symbols written for letters: `c4nn4b1s`, `w33d`, `$ativa`, `7hc`, `p!c$`.
///
/// They are read in views of the message in which each stands for its letter (see
/// `Ruleset.disguisedTerms`), and a term found there counts only where it holds a letter of the
/// message itself and a stand-in: a time (`10:30`), a price (`$45`) or a phone number has no
/// letter, so it never matches.
enum StandIns {
    /// How a view reads the stand-ins that have two readings.
    enum Reading: CaseIterable {
        /// `1` and `|` as i; `!`, `|` and `+` only before a letter, a digit, `$`, `@` or `!`
        /// (`!n`, `h!$`), being punctuation elsewhere (`now!`, `A+`).
        case usual
        /// `1` and `|` as l (`a1coho1`), and `!` also after a letter or stand-in (`de t!`).
        case other
    }

    /// The letter each byte stands for in the usual reading, or 0.
    static let letter: [UInt8] = table(.usual)
    /// The letter each byte stands for in the other reading, or 0.
    static let otherLetter: [UInt8] = table(.other)

    private static func table(_ reading: Reading) -> [UInt8] {
        var t = [UInt8](repeating: 0, count: 256)
        let ell: Character = reading == .usual ? "i" : "l"
        let pairs: [(Character, Character)] = [
            ("0", "o"), ("1", ell), ("3", "e"), ("4", "a"), ("5", "s"), ("7", "t"), ("8", "b"), ("9", "g"),
            ("@", "a"), ("$", "s"), ("!", "i"), ("|", ell), ("+", "t"),
        ]
        for (from, to) in pairs { t[Int(from.asciiValue!)] = to.asciiValue! }
        return t
    }

    /// The symbols that stand for a letter only before a letter or another stand-in.
    @inline(__always)
    static func beforeWordOnly(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "!") || b == UInt8(ascii: "|") || b == UInt8(ascii: "+")
    }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Each byte's `Kind`, looked up once.
    static let kind: [UInt8] = (0..<256).map { Kind(UInt8($0)).rawValue }

    /// The kinds of byte that decide whether a message needs a stand-in view.
    enum Kind: UInt8, CaseIterable {
        /// Anything else: white space, punctuation, bytes outside ASCII.
        case other = 0
        /// An ASCII letter, `&` or `'` (parts of terms: `t&c`, `don't`).
        case letter
        /// A digit read as a letter anywhere (`0`, `3`, `4`, …).
        case digit
        /// `1`, which the two readings read apart (i or l).
        case one
        /// `!` or `+`, read as a letter only before a word.
        case beforeWord
        /// `|`, read only before a word, and apart by the two readings.
        case bar
        /// `$`, read as a letter anywhere.
        case dollar
        /// `@`, read as a letter anywhere, even standing alone (`you won @`).
        case at

        init(_ b: UInt8) {
            switch b {
            case _ where StandIns.isLetter(b) || b == UInt8(ascii: "&") || b == UInt8(ascii: "'"): self = .letter
            case UInt8(ascii: "1"): self = .one
            case UInt8(ascii: "|"): self = .bar
            case UInt8(ascii: "$"): self = .dollar
            case UInt8(ascii: "@"): self = .at
            case _ where StandIns.letter[Int(b)] == 0: self = .other
            case _ where StandIns.beforeWordOnly(b): self = .beforeWord
            default: self = .digit
            }
        }

        var isLetter: Bool { self == .letter }
        /// Read as a letter wherever it stands.
        var readsAnywhere: Bool { self == .digit || self == .one || self == .dollar || self == .at }
        var readsBeforeWord: Bool { self == .beforeWord || self == .bar }
        /// Read as different letters by the two readings.
        var readsTwoWays: Bool { self == .one || self == .bar }
        var isSymbol: Bool { self == .dollar || self == .at }
        var isDigit: Bool { self == .digit || self == .one }
    }

    /// For two bytes' kinds, `previous << 4 | current`: 1 when a stand-in touches a letter as
    /// it is read, a symbol read only before a word precedes another stand-in (`m!$$`), a
    /// symbol follows a digit (`18$` for `18s`), or `@` stands after anything but a letter or
    /// stand-in (`won @`); 2 when one of two readings touches a letter or another stand-in
    /// (`r313af`); 4 when a symbol follows a letter.
    static let touching: [UInt8] = (0..<256).map { v in
        guard let p = Kind(rawValue: UInt8(v >> 4)), let c = Kind(rawValue: UInt8(v & 15)) else { return 0 }
        let reads = (p.isLetter && c.readsAnywhere) || ((p.readsAnywhere || p.readsBeforeWord) && c.isLetter)
            || (p.readsBeforeWord && c.readsAnywhere) || (p.isDigit && c.isSymbol) || (p == .other && c == .at)
        let stand = { (k: Kind) in k.isLetter || k.readsAnywhere || k.readsBeforeWord }
        let two = (stand(p) && c.readsTwoWays) || (p.readsTwoWays && stand(c))
        let after = p.isLetter && c.readsBeforeWord
        return (reads ? 1 : 0) | (two ? 2 : 0) | (after ? 4 : 0)
    }

    /// The readings in which a message needs a view, from its `touching` flags: none when no
    /// stand-in touches a letter (most messages); the usual one when one does (`w33d`,
    /// `$ativa`); the other one too when `1` or `|` touches a letter or stand-in, or a `!`
    /// follows a letter.
    static func readings(_ flags: UInt8) -> [Reading] {
        guard flags & 1 != 0 else { return [] }
        return flags & 6 != 0 ? both : usualOnly
    }

    // Shared, so that a message with stand-ins allocates no array for its readings.
    private static let usualOnly: [Reading] = [.usual]
    private static let both: [Reading] = [.usual, .other]

    /// `bytes` with every stand-in read as its letter; the same length, so a range of it is the
    /// same range of `bytes`.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>, _ reading: Reading) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            fold(bytes, reading, into: out)
            count = bytes.count
        }
    }

    /// Writes `folded(bytes, reading)` into `out` (at least as long as `bytes`).
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ reading: Reading, into out: UnsafeMutableBufferPointer<UInt8>) {
        let table = reading == .usual ? letter : otherLetter
        table.withUnsafeBufferPointer { table in
            for i in 0..<bytes.count { out[i] = read(bytes, i, table, reading) ?? bytes[i] }
        }
    }

    /// The letter `bytes[i]` is read as in `reading` (whose letters are `table`), or nil where
    /// it stays as it is. It depends on the bytes beside it only: `!`, `|` and `+` are read
    /// before a word, and in the other reading `!` after a letter or stand-in too.
    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ table: UnsafeBufferPointer<UInt8>,
                     _ reading: Reading) -> UInt8? {
        let b = bytes[i]
        let l = table[Int(b)]
        guard l != 0 else { return nil }
        guard beforeWordOnly(b) else { return l }
        let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0x20
        if TermForm.isWord(next) || next == UInt8(ascii: "$") || next == UInt8(ascii: "@") || next == UInt8(ascii: "!") {
            return l
        }
        if reading == .other && b == UInt8(ascii: "!") && i > 0 && (isLetter(bytes[i - 1]) || table[Int(bytes[i - 1])] != 0) {
            return l
        }
        return nil
    }

    /// `folded(bytes, reading)` read byte by byte where asked, not written out: what the word
    /// check (`TermWords.mayHoldTerm`) reads of a view, most of which it passes over.
    struct View: ByteView {
        let bytes: UnsafeBufferPointer<UInt8>
        let table: UnsafeBufferPointer<UInt8>
        let reading: Reading

        var count: Int { bytes.count }

        @inline(__always)
        subscript(i: Int) -> UInt8 { StandIns.read(bytes, i, table, reading) ?? bytes[i] }

        /// Whether the view has a word byte at `i`: a digit is one as written, a symbol only
        /// where it reads as a letter.
        @inline(__always)
        func isWord(_ i: Int) -> Bool { TermForm.isWord(bytes[i]) || changes(i) }

        /// Whether the view differs from `bytes` at `i`.
        @inline(__always)
        func changes(_ i: Int) -> Bool { StandIns.read(bytes, i, table, reading) != nil }
    }

    /// Calls `body` with the view of `bytes` in `reading`.
    static func withView<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ reading: Reading, _ body: (View) -> R) -> R {
        (reading == .usual ? letter : otherLetter).withUnsafeBufferPointer { body(View(bytes: bytes, table: $0, reading: reading)) }
    }

    /// A term's literal as the stand-in views read it (`bet365` as `bete6s`), for the terms
    /// that hold a digit or symbol: each view holds its reading of them as well.
    static func foldedForms(_ literal: [UInt8]) -> [[UInt8]] {
        let forms = literal.withUnsafeBufferPointer { p in Reading.allCases.map { folded(p, $0) } }
        var out: [[UInt8]] = []
        for f in forms where f != literal && !out.contains(f) { out.append(f) }
        return out
    }

    /// Whether `view[range]` holds a letter of the message itself (an ASCII letter, or a byte
    /// that begins a letter outside ASCII) and a byte that the reading `folded` changed: a term
    /// found there is written with stand-ins, and is more than a number.
    static func isDisguisedWord(_ view: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var letter = false, changed = false
        for i in range {
            let b = view[i]
            if b >= 0xC3 || isLetter(b) { letter = true }
            if folded[i] != b { changed = true }
        }
        return letter && changed
    }
}

/// Bytes read by index, written out (`UnsafeBufferPointer`) or read on demand (`StandIns.View`).
protocol ByteView {
    var count: Int { get }
    subscript(i: Int) -> UInt8 { get }
    /// Whether the byte at `i` is a word byte (`TermForm.isWord`).
    func isWord(_ i: Int) -> Bool
}

extension ByteView {
    @inline(__always)
    func isWord(_ i: Int) -> Bool { TermForm.isWord(self[i]) }
}

extension UnsafeBufferPointer: ByteView where Element == UInt8 {}
