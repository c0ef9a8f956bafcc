/// What one pass over a text counted besides literal hits.
public struct ByteCounts: Sendable, Equatable {
    /// ASCII letters.
    public var letters = 0
    /// ASCII uppercase letters.
    public var upper = 0
    /// Places where a link can hang: a `.` between two host-label bytes, or `://`. The link
    /// extractor finds nothing in text where this is zero.
    public var linkAnchors = 0
    /// `{` bytes: a template placeholder is possible only where one occurs.
    public var braces = 0
    /// C0 control bytes other than a line feed, and DEL: the ASCII control characters the
    /// built-in check refuses (a C1 one is non-ASCII, so only text with `nonASCII` may hold one).
    public var controls = 0
    /// Bytes of 0x80 and above (at least the number of non-ASCII characters): nonzero when the text is not pure ASCII.
    public var nonASCII = 0
    /// The flags the automaton's `ByteSurvey` raised (0 when it has none, and for counts made without one).
    public var survey: UInt8 = 0

    /// Zero counts.
    public init() {}
}

/// One literal found by a scan: which literal, and the byte offset just past its last byte.
public struct LiteralHit: Sendable, Equatable {
    /// Index into `LiteralAutomaton.patterns`.
    public var pattern: Int32
    /// Byte offset one past the end of the match.
    public var end: Int

    /// A hit of literal `pattern` ending at byte offset `end`.
    public init(pattern: Int32, end: Int) {
        self.pattern = pattern
        self.end = end
    }
}

extension LiteralAutomaton {
    // Per-byte increments packed into one word: five 12-bit counters, flushed every chunk of
    // 4,095 bytes so none can overflow. Link anchors come from the automaton's anchor
    // pseudo-literal instead (see `settle`). The top four bits are free: an automaton's own
    // table (`packed`) puts each byte's survey kind there, and the sums they make are not read.
    @usableFromInline static let packedCounts: [UInt64] = (0..<256).map { b -> UInt64 in
        var v: UInt64 = 0
        if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { v |= 1 }
        if b >= 0x41 && b <= 0x5A { v |= 1 << 12 }
        if (b < 0x20 && b != 0x0A) || b == 0x7F { v |= 1 << 24 }
        if b == 0x7B { v |= 1 << 36 }
        if b >= 0x80 { v |= 1 << 48 }
        return v
    }

    /// Runs the automaton over `text` once, appending every literal occurrence to `hits` and
    /// counting letters, capitals and link anchors in the same pass.
    ///
    /// Hits are raw: word boundaries are the caller's to check. Nothing is allocated unless a
    /// literal is found.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, hits: inout [LiteralHit]) -> ByteCounts {
        var counts = ByteCounts()
        guard !text.isEmpty else {
            counts.survey = survey.final[0]
            return counts
        }
        continueScan(text, from: 0, lane: Lane(row: 0), counts: &counts, hits: &hits)
        settle(&counts, &hits)
        return counts
    }

    @usableFromInline
    func emit(state: UInt32, end: Int, into hits: inout [LiteralHit]) {
        let slot = Int(state - firstOutputState)
        for j in Int(outputStart[slot])..<Int(outputStart[slot + 1]) {
            hits.append(LiteralHit(pattern: outputIDs[j], end: end))
        }
    }

    /// The start of a hit: walks back from `end` over the literal, letting a run of white space
    /// in the text stand for one space, as the scan did.
    public func start(of hit: LiteralHit, in text: UnsafeBufferPointer<UInt8>) -> Int {
        let length = fixedLength[Int(hit.pattern)]
        if length >= 0 { return hit.end - Int(length) }
        let p = patterns[Int(hit.pattern)]
        var i = hit.end
        var j = p.count
        while j > 0 && i > 0 {
            j -= 1
            if classOf[Int(p[j])] == LiteralAutomaton.spaceClass {
                while i > 0 && LiteralAutomaton.isSpace(text[i - 1]) { i -= 1 }
            } else {
                i -= 1
            }
        }
        return i
    }
}
