/// Many literal strings compiled into one Aho–Corasick automaton that finds all of them in a
/// single pass over UTF-8 bytes.
///
/// Matching is ASCII case-insensitive; any run of white space in the text matches one space in
/// a literal; and `.`, `-`, `_` and `*` match one another, so a literal `c.b.d` also finds
/// `c-b-d`. Literals may be limited to word starts (see `init(patterns:atWordStart:survey:)`). The
/// same pass finds where a link can hang (`ByteCounts.linkAnchors`) and runs the caller's
/// `ByteSurvey` (`ByteCounts.survey`). The automaton is a full DFA over
/// byte classes, so each text byte costs one table look-up whatever the number of literals.
public struct LiteralAutomaton: Sendable {
    /// The literals, in the order given; a hit's `pattern` indexes this array.
    public let patterns: [[UInt8]]
    /// Byte to class.
    @usableFromInline let classOf: [UInt8]
    /// Number of byte classes: white space, separators, link marks, other bytes, and one per
    /// distinct byte of the literals.
    public let classCount: Int
    /// The transitions: a row per state of one entry per byte class, padded to a power of two,
    /// each entry the next state. State `s`'s row starts at byte offset `s << rowShift`, so the
    /// walk's chain from one state to the next is a load, a shift and an add. Entries are 16
    /// bits (`narrow`) when every state number fits, as it does for any ruleset short of 65,536
    /// states: half the memory, and half the cache the walk touches, of 32-bit entries
    /// (`wide`, used otherwise).
    @usableFromInline let narrow: [UInt16]
    @usableFromInline let wide: [UInt32]
    /// The log2 of a row's size in bytes.
    @usableFromInline let rowShift: UInt32
    /// Each byte's class times the size of an entry: its offset within a row.
    @usableFromInline let classOffset: [UInt32]
    /// States at or above this number end at least one literal (compare rows with
    /// `firstOutputState << rowShift`).
    @usableFromInline let firstOutputState: UInt32
    /// For output state `s`, `outputIDs[outputStart[s - first] ..< outputStart[s - first + 1]]`.
    @usableFromInline let outputStart: [Int32]
    @usableFromInline let outputIDs: [Int32]
    /// Each literal's length, or -1 for a literal with a space (a run of white space matches it).
    let fixedLength: [Int32]
    /// The survey run in the same pass (`ByteSurvey.none` when none was given).
    let survey: ByteSurvey
    /// Each byte's counter increments (`packedCounts`) with its survey kind in the top four bits.
    @usableFromInline let packed: [UInt64]

    /// Number of DFA states, for size reports.
    public let stateCount: Int
    /// Number of literals found (those `including` marked), for size reports.
    public let includedCount: Int

    /// Bytes in no literal that are not word bytes.
    static let otherClass: UInt8 = 0
    static let spaceClass: UInt8 = 1
    static let separatorClass: UInt8 = 2
    /// Word bytes in no literal.
    static let otherWordClass: UInt8 = 3
    /// `.`, `-`, `:` and `/`: separators and other bytes to literals, but link marks to the anchor automaton.
    static let dotClass: UInt8 = 4
    static let dashClass: UInt8 = 5
    static let colonClass: UInt8 = 6
    static let slashClass: UInt8 = 7

    /// True for the bytes that are one white-space class.
    @inlinable public static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    /// Builds the automaton; every literal is found wherever it occurs. Literals should be
    /// lowercase, trimmed, with single spaces.
    public init(patterns: [[UInt8]]) {
        self.init(patterns: patterns, atWordStart: [Bool](repeating: false, count: patterns.count))
    }

    /// Builds the automaton. A literal whose `atWordStart` flag is set and whose first byte is a
    /// word byte (see `isWordByte`) is found only where it does not continue a word: where the
    /// byte before it is not a word byte, or at the start of the text. The others are found
    /// wherever they occur.
    ///
    /// Anchoring at word starts is what keeps the scan fast: inside a word that no literal
    /// starts, the automaton rests in one state instead of restarting every literal at every
    /// byte, so the rows it visits stay in the first-level cache.
    ///
    /// `survey` runs in the same pass; its flags are in each scan's `ByteCounts.survey`. Only
    /// the literals marked in `including` (all when nil) are found; the others keep their
    /// numbers, so that two automata over one list of literals report hits in the same terms.
    public init(patterns: [[UInt8]], atWordStart: [Bool], survey: ByteSurvey = .none, including: [Bool]? = nil) {
        precondition(atWordStart.count == patterns.count, "one atWordStart flag per literal")
        precondition(including.map { $0.count == patterns.count } ?? true, "one including flag per literal")
        self.patterns = patterns
        self.survey = survey
        self.packed = (0..<256).map { LiteralAutomaton.packedCounts[$0] | UInt64(survey.kinds[$0]) << 60 }
        let classes = LiteralAutomaton.classes(for: patterns)
        self.fixedLength = patterns.map { p in
            p.contains { classes[Int($0)] == LiteralAutomaton.spaceClass } ? -1 : Int32(p.count)
        }
        let k = Int(classes.max()!) + 1
        var wordClass = [Bool](repeating: false, count: k)
        for b in 0..<256 where LiteralAutomaton.isWordByte(UInt8(b)) { wordClass[Int(classes[b])] = true }
        self.classOf = classes
        self.classCount = k
        var stride = 1
        while stride < k { stride <<= 1 }

        // Literals that must start a word, and literals that may start anywhere; a literal that
        // starts with a non-word byte needs no boundary, so it joins the first kind (fewer states).
        var anchored: [Int] = [], free: [Int] = []
        for (id, p) in patterns.enumerated() where including?[id] ?? true {
            if atWordStart[id] || !LiteralAutomaton.isWordByte(p.first ?? 0) { anchored.append(id) } else { free.append(id) }
        }
        // Link anchors are found in the same pass, as one more (pseudo-)literal. The few free
        // literals and the anchors run beside the anchored literals as one small automaton, so
        // the tables below are built from the anchored ones directly: no table of the anchored
        // and free literals side by side, as large as the scan's, is ever made.
        let anchors = LiteralAutomaton.anchors(classes, id: Int32(patterns.count))
        let beside = free.isEmpty
            ? anchors
            : Component(LiteralTrie(patterns, free, classes, wordClass, anchored: false)).product(anchors)
        // The anchored literals, the bulk of them, stay a trie whose rows are made one at a time
        // as the scan's tables take them: the largest table of a load is the scan's own.
        let tables = LiteralTrie(patterns, anchored, classes, wordClass, anchored: true).scanTables(with: beside, stride: stride)
        (narrow, wide) = (tables.narrow, tables.wide)
        let entryBytes = wide.isEmpty ? 2 : 4
        self.classOffset = classes.map { UInt32(Int($0) * entryBytes) }
        self.rowShift = UInt32((stride * entryBytes).trailingZeroBitCount)
        self.firstOutputState = UInt32(tables.firstOutput)
        self.outputStart = tables.outputStart
        self.outputIDs = tables.outputIDs
        self.stateCount = tables.states
        self.includedCount = anchored.count + free.count
    }

    /// Word bytes for boundaries: ASCII letters and digits, and every byte of a non-ASCII character.
    @inlinable public static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    @inlinable static func fold(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// A byte in ASCII lower case, as the automaton compares it.
    @inlinable public static func lowercased(_ b: UInt8) -> UInt8 { fold(b) }

    /// The class of a byte, as the automaton sees it.
    @inlinable public func byteClass(_ b: UInt8) -> UInt8 { classOf[Int(b)] }
}
