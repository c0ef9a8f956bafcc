extension LiteralAutomaton {
    /// A single scan from `offset` to the end, going on from `lane`'s state row and survey,
    /// adding to `counts` and `hits` (link anchors among them, until `settle`).
    func continueScan(_ text: UnsafeBufferPointer<UInt8>, from offset: Int, lane: Lane,
                      counts: inout ByteCounts, hits: inout [LiteralHit]) {
        let base = text.baseAddress!
        withTables { tables in
            var lane = lane
            var offset = offset
            while offset < text.count {
                let chunkEnd = min(text.count, offset + 4_095)
                lane.i = offset
                lane.acc = 0
                while lane.i < chunkEnd {
                    lane = LiteralAutomaton.walk(base, until: chunkEnd, tables, lane)
                    if lane.row >= tables.firstOutRow { emit(state: lane.row >> tables.shift, end: lane.i, into: &hits) }
                }
                counts.add(packed: lane.acc)
                offset = chunkEnd
            }
            counts.survey |= survey.flags(raised: lane.raised, state: lane.surveyState)
        }
    }

    /// Moves the link anchors the automaton reported among `hits` into `counts`.
    func settle(_ counts: inout ByteCounts, _ hits: inout [LiteralHit]) {
        guard !hits.isEmpty else { return }
        let anchor = Int32(patterns.count)
        let before = hits.count
        hits.removeAll { $0.pattern == anchor }
        counts.linkAnchors += before - hits.count
    }

    /// Runs `body` with raw pointers to the scan's tables.
    func withTables<R>(_ body: (Tables) -> R) -> R {
        if wide.isEmpty { return narrow.withUnsafeBytes { withTables(table: $0.baseAddress!, body) } }
        return wide.withUnsafeBytes { withTables(table: $0.baseAddress!, body) }
    }

    private func withTables<R>(table: UnsafeRawPointer, _ body: (Tables) -> R) -> R {
        classOffset.withUnsafeBufferPointer { classes in
        packed.withUnsafeBufferPointer { packed in
        survey.table.withUnsafeBufferPointer { survey in
            body(Tables(classes: classes.baseAddress!, table: table, packed: packed.baseAddress!,
                        survey: survey.baseAddress!, firstOutRow: firstOutputState << rowShift, shift: rowShift,
                        wide: !wide.isEmpty))
        }
        }
        }
    }
}

extension ByteCounts {
    /// The counts of `text` alone, without running an automaton: letters, capitals, controls,
    /// braces and non-ASCII bytes. Link anchors are left at zero; only the automaton's scan finds them.
    public init(counting text: UnsafeBufferPointer<UInt8>) {
        self.init()
        LiteralAutomaton.packedCounts.withUnsafeBufferPointer { packed in
            var offset = 0
            while offset < text.count {
                let end = min(text.count, offset + 4_095)
                var acc: UInt64 = 0
                for i in offset..<end { acc &+= packed[Int(text[i])] }
                add(packed: acc)
                offset = end
            }
        }
    }

    /// Counts from one chunk's packed accumulator.
    init(packed acc: UInt64) {
        self.init()
        add(packed: acc)
    }

    /// Adds one chunk's packed accumulator: five 12-bit counters (link anchors are counted
    /// from the automaton's hits, not here).
    mutating func add(packed acc: UInt64) {
        letters += Int(acc & 0xFFF)
        upper += Int((acc >> 12) & 0xFFF)
        controls += Int((acc >> 24) & 0xFFF)
        braces += Int((acc >> 36) & 0xFFF)
        nonASCII += Int((acc >> 48) & 0xFFF)
    }
}

extension LiteralAutomaton {
    /// The scan's tables as raw pointers, for the walks below.
    struct Tables {
        /// Each byte's offset within a row (`classOffset`).
        let classes: UnsafePointer<UInt32>
        /// The transitions (`narrow` or `wide`), addressed by byte offsets.
        let table: UnsafeRawPointer
        let packed: UnsafePointer<UInt64>
        /// The survey's table (`ByteSurvey.table`).
        let survey: UnsafePointer<UInt16>
        /// The first row of a state that ends a literal.
        let firstOutRow: UInt32
        /// `rowShift`: a state's row is its number shifted left by this.
        let shift: UInt32
        /// Whether entries are 32 bits, not 16.
        let wide: Bool
    }

    /// One walk in progress.
    struct Lane {
        var i = 0
        var row: UInt32
        var acc: UInt64 = 0
        /// The survey's state, times 16, and the entries it passed, or-ed.
        var surveyState = 0
        var raised: UInt16 = 0
    }

    /// The row of the state that `row`'s entry at `offset` names.
    @inline(__always)
    static func next<Entry: FixedWidthInteger>(_ table: UnsafeRawPointer, _ row: UInt32, _ offset: UInt32, _ shift: UInt32,
                                               _: Entry.Type) -> UInt32 {
        UInt32(truncatingIfNeeded: table.load(fromByteOffset: Int(row &+ offset), as: Entry.self)) &<< shift
    }

    /// One walk until `end` or an output state. A separate function with no calls inside, so
    /// that the walk lives in registers; the counting beside it is independent work that fills
    /// the wait for each table look-up.
    @inline(never)
    static func walk(_ a: UnsafePointer<UInt8>, until end: Int, _ t: Tables, _ lane: Lane) -> Lane {
        t.wide ? walk(a, until: end, t, lane, UInt32.self) : walk(a, until: end, t, lane, UInt16.self)
    }

    @inline(__always)
    static func walk<Entry: FixedWidthInteger>(_ a: UnsafePointer<UInt8>, until end: Int, _ t: Tables, _ lane: Lane,
                                               _ entry: Entry.Type) -> Lane {
        var l = lane
        let classes = t.classes, table = t.table, packed = t.packed, survey = t.survey
        let limit = t.firstOutRow, shift = t.shift
        repeat {
            let x = Int(a[l.i])
            l.row = next(table, l.row, classes[x], shift, entry)
            let p = packed[x]
            l.acc &+= p
            let e = survey[l.surveyState &+ Int(p >> 60)]
            l.surveyState = Int(e & ByteSurvey.stateMask)
            l.raised |= e
            l.i &+= 1
        } while l.i < end && l.row < limit
        return l
    }
}
