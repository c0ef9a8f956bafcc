import Matching

/// The words of every literal a `terms` or `near` rule owns (runs of word bytes,
/// `TermForm.isWord`, in ASCII lower case), each alone and each with the words beside it in its
/// literal, so that most stand-in views can be passed over without a scan (see
/// `mayHoldTerm(_:)`).
struct TermWords: Sendable {
    /// Each word, with the `Place` flags of where it stands in literals, and each as
    /// `before 0 word 0 after` (with `edge` for no word beside it), with 1.
    private var table = ByteStringTable()
    /// The longest word's length.
    private var longest = 0
    /// A bit for each word's length and first and last bytes (`sketch`), so that most words of
    /// a view that no term has are passed over without hashing them.
    private var sketches = SketchBits()
    /// The same for each word's length and second and second-last bytes (`innerSketch`): words
    /// that pass the first filter (`4u` read as `au`, a short word) mostly fail this one.
    private var innerSketches = SketchBits()

    /// Stands for no word beside a literal's first or last word: not a word byte, nor the 0
    /// between the words of a key.
    static let edge: UInt8 = 1

    /// The words of those of `literals` whose `owners` include a term or near role.
    init(_ literals: [[UInt8]], _ owners: [[LiteralOwner]]) {
        for (id, literal) in literals.enumerated()
        where owners[id].contains(where: { $0.role == .term || $0.role == .nearFirst || $0.role == .nearSecond }) {
            let words = literal.split(whereSeparator: { !TermForm.isWord($0) }).map { $0.map(LiteralAutomaton.lowercased) }
            for (j, word) in words.enumerated() {
                longest = max(longest, word.count)
                let k = TermWords.sketch(word.count, word[0], word[word.count - 1])
                sketches.insert(k)
                let inner = word.withUnsafeBufferPointer { TermWords.innerSketch($0, 0..<$0.count) }
                innerSketches.insert(inner)
                let first = j == 0, last = j + 1 == words.count
                // The word alone says where it has stood in literals (`Place`); with its
                // neighbours, it is the key `writeKey` writes.
                word.withUnsafeBufferPointer { table.insert($0, Place(before: !first, after: !last).flag, merge: |) }
                let key = (first ? [TermWords.edge] : words[j - 1]) + [0] + word + [0] + (last ? [TermWords.edge] : words[j + 1])
                key.withUnsafeBufferPointer { table.insert($0, 1) }
            }
        }
    }

    /// Whether a word of `view` (a stand-in view of a message) that holds a byte where it
    /// differs from the message may be part of a term: it is a word of a term's literal, and
    /// the words before and after it in `view` are those beside it there (or it is at the
    /// literal's edge). When no changed word may be, no term found in the view covers a change,
    /// and the view need not be written out and scanned.
    ///
    /// Sound because a term found in a view spans whole words: it starts and ends at word
    /// boundaries, and the automaton matches a word byte only with the same byte (up to ASCII
    /// case) and any other byte only with another that is not a word byte. So each word of the
    /// view that a term covers is one of its literal's words, with the same words beside it.
    ///
    /// The view is read where it changes and around those places only: most bytes of a
    /// message stand for no letter, and cost one look-up.
    func mayHoldTerm(_ view: StandIns.View) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * longest + 4) { key in
            var i = 0
            while i < view.count {
                guard view.changes(i) else { i += 1; continue }
                let word = TermWords.word(around: i, in: view)
                // Every change in this word is settled by it.
                i = word.upperBound
                guard word.count <= longest else { continue }
                let k = TermWords.sketch(word.count, LiteralAutomaton.lowercased(view[word.lowerBound]),
                                         LiteralAutomaton.lowercased(view[word.upperBound - 1]))
                guard sketches.contains(k) else { continue }
                let inner = TermWords.innerSketch(view, word)
                guard innerSketches.contains(inner) else { continue }
                let alone = TermWords.write(view, word, into: key, at: 0)
                guard let seen = table.value(for: UnsafeBufferPointer(rebasing: key[0..<alone])) else { continue }
                // Beside it, the words before and after, when they are short enough to be a literal's.
                let before = TermWords.word(endingBefore: word.lowerBound, in: view).flatMap { $0.count <= longest ? $0 : nil }
                let after = TermWords.word(startingFrom: word.upperBound, in: view).flatMap { $0.count <= longest ? $0 : nil }
                for place in Place.all where seen & place.flag != 0 {
                    // A literal's word with a word beside it needs one here too.
                    if place.before && before == nil || place.after && after == nil { continue }
                    let length = TermWords.writeKey(place.before ? before : nil, word, place.after ? after : nil, of: view, into: key)
                    if table.contains(UnsafeBufferPointer(rebasing: key[0..<length])) { return true }
                }
            }
            return false
        }
    }

    /// Where a word stands in a literal: whether a word comes before it, and after it. Each of
    /// the four has a flag; a word's flags are or-ed over every literal it is in.
    struct Place {
        let before: Bool
        let after: Bool

        static let all = [false, true].flatMap { b in [false, true].map { Place(before: b, after: $0) } }

        var flag: UInt8 { 1 << ((before ? 2 : 0) + (after ? 1 : 0)) }
    }

    /// A word's bit in `sketches`, from its length and its first and last bytes (lower case).
    @inline(__always)
    static func sketch(_ length: Int, _ first: UInt8, _ last: UInt8) -> Int {
        min(length, 63) << 10 | Int(first & 31) << 5 | Int(last & 31)
    }

    /// A word's bit in `innerSketches`, from its length and its second and second-last bytes
    /// (lower case; the first and last for a word of one byte).
    @inline(__always)
    static func innerSketch<V: ByteView>(_ bytes: V, _ word: Range<Int>) -> Int {
        let second = bytes[min(word.lowerBound + 1, word.upperBound - 1)]
        let secondLast = bytes[max(word.upperBound - 2, word.lowerBound)]
        return sketch(word.count, LiteralAutomaton.lowercased(second), LiteralAutomaton.lowercased(secondLast))
    }

    /// The run of word bytes around `i`.
    static func word<V: ByteView>(around i: Int, in view: V) -> Range<Int> {
        var start = i, end = i + 1
        while start > 0 && view.isWord(start - 1) { start -= 1 }
        while end < view.count && view.isWord(end) { end += 1 }
        return start..<end
    }

    /// The last word that ends at or before `offset`, or nil.
    static func word<V: ByteView>(endingBefore offset: Int, in view: V) -> Range<Int>? {
        var end = offset
        while end > 0 && !view.isWord(end - 1) { end -= 1 }
        return end > 0 ? word(around: end - 1, in: view) : nil
    }

    /// The first word that starts at or after `offset`, or nil.
    static func word<V: ByteView>(startingFrom offset: Int, in view: V) -> Range<Int>? {
        var start = offset
        while start < view.count && !view.isWord(start) { start += 1 }
        return start < view.count ? word(around: start, in: view) : nil
    }

    /// Writes the key of `view[word]` with the words beside it (`edge` for none) into `key`:
    /// `before 0 word 0 after`, in ASCII lower case; its length.
    private static func writeKey<V: ByteView>(_ before: Range<Int>?, _ word: Range<Int>, _ after: Range<Int>?,
                                 of view: V, into key: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var length = before.map { write(view, $0, into: key, at: 0) } ?? write(edge, into: key, at: 0)
        length = write(0, into: key, at: length)
        length = write(view, word, into: key, at: length)
        length = write(0, into: key, at: length)
        return after.map { write(view, $0, into: key, at: length) } ?? write(edge, into: key, at: length)
    }

    /// Writes `view[word]` in ASCII lower case into `key` from `at`; the length it reaches.
    private static func write<V: ByteView>(_ view: V, _ word: Range<Int>, into key: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var k = at
        for i in word { key[k] = LiteralAutomaton.lowercased(view[i]); k += 1 }
        return k
    }

    /// Writes one byte into `key` at `at`; the length it reaches.
    private static func write(_ b: UInt8, into key: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        key[at] = b
        return at + 1
    }
}

/// A set of sketches (`TermWords.sketch`), one bit each.
private struct SketchBits: Sendable {
    private var words = [UInt64](repeating: 0, count: 1 << 10)

    mutating func insert(_ k: Int) { words[k >> 6] |= 1 << UInt64(k & 63) }

    @inline(__always)
    func contains(_ k: Int) -> Bool { words[k >> 6] & (1 << UInt64(k & 63)) != 0 }
}
