/// What the batch scan found in one text.
public struct BatchResult: Sendable {
    /// The text's counts.
    public var counts: ByteCounts
    /// Where the text's hits are in the batch's list of hits.
    public var hits: Range<Int>

    /// A result.
    public init(counts: ByteCounts = ByteCounts(), hits: Range<Int> = 0..<0) {
        self.counts = counts
        self.hits = hits
    }
}

extension LiteralAutomaton {
    /// Texts up to this many bytes share the two-lane batch walk; longer ones are scanned alone.
    public static let batchTextLimit = 4_095

    /// Scans many texts, two at a time: each lane walks one text, and when a text ends the next
    /// one takes its lane, so no text is left to a slower single walk. Results are exactly those
    /// of `scan` on each text.
    ///
    /// - Parameters:
    ///   - texts: The texts.
    ///   - results: One entry per text, filled in: its counts and the range of its hits in `hits`.
    ///   - hits: Every text's hits are appended here, one text's after another's.
    public func scan(batch texts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>,
                     results: UnsafeMutableBufferPointer<BatchResult>, hits: inout [LiteralHit]) {
        precondition(results.count >= texts.count, "one result per text")
        var batch = BatchScan(texts: texts, results: results)
        var a = BatchLane(), b = BatchLane()
        var hitsA: [LiteralHit] = [], hitsB: [LiteralHit] = []
        var liveA = batch.fill(&a, &hitsA, self, &hits)
        var liveB = batch.fill(&b, &hitsB, self, &hits)
        withTables { tables in
            while liveA && liveB {
                LiteralAutomaton.walk(&a, &b, tables)
                if a.row >= tables.firstOutRow { emit(state: a.row >> tables.shift, end: a.i, into: &hitsA) }
                if b.row >= tables.firstOutRow { emit(state: b.row >> tables.shift, end: b.i, into: &hitsB) }
                if a.i == a.end {
                    batch.finish(a, &hitsA, counts(a), self, &hits)
                    liveA = batch.fill(&a, &hitsA, self, &hits)
                }
                if b.i == b.end {
                    batch.finish(b, &hitsB, counts(b), self, &hits)
                    liveB = batch.fill(&b, &hitsB, self, &hits)
                }
            }
        }
        // One lane may be left: finish its text alone.
        if liveA { finishAlone(a, &hitsA, batch, &hits) }
        if liveB { finishAlone(b, &hitsB, batch, &hits) }
    }

    /// The counts of a lane walked to its text's end.
    private func counts(_ lane: BatchLane) -> ByteCounts {
        var counts = ByteCounts(packed: lane.acc)
        counts.survey = survey.flags(raised: lane.raised, state: lane.surveyState)
        return counts
    }

    /// Walks the rest of a lane's text alone and records it.
    private func finishAlone(_ lane: BatchLane, _ laneHits: inout [LiteralHit], _ batch: BatchScan,
                             _ hits: inout [LiteralHit]) {
        guard lane.i < lane.end else { return batch.finish(lane, &laneHits, counts(lane), self, &hits) }
        var counts = ByteCounts(packed: lane.acc)
        continueScan(UnsafeBufferPointer(start: lane.base, count: lane.end), from: lane.i,
                     lane: Lane(row: lane.row, surveyState: lane.surveyState, raised: lane.raised),
                     counts: &counts, hits: &laneHits)
        batch.finish(lane, &laneHits, counts, self, &hits)
    }

    /// Where the batch scan is in its texts, and where its results go.
    struct BatchScan {
        let texts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
        let results: UnsafeMutableBufferPointer<BatchResult>
        var next = 0

        init(texts: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, results: UnsafeMutableBufferPointer<BatchResult>) {
            self.texts = texts
            self.results = results
        }

        /// Puts the next short text in `lane`; long and empty texts are done on the way. False
        /// when no text is left.
        mutating func fill(_ lane: inout BatchLane, _ laneHits: inout [LiteralHit], _ automaton: LiteralAutomaton,
                           _ hits: inout [LiteralHit]) -> Bool {
            while next < texts.count {
                let t = texts[next]
                next += 1
                guard let base = t.baseAddress, t.count > 0, t.count <= LiteralAutomaton.batchTextLimit else {
                    let counts = automaton.scan(t, hits: &laneHits)
                    record(next - 1, counts, &laneHits, &hits)
                    continue
                }
                lane = BatchLane(base: base, end: t.count, index: next - 1)
                return true
            }
            return false
        }

        /// Records a lane's text, walked to its end.
        func finish(_ lane: BatchLane, _ laneHits: inout [LiteralHit], _ counts: ByteCounts,
                    _ automaton: LiteralAutomaton, _ hits: inout [LiteralHit]) {
            var counts = counts
            automaton.settle(&counts, &laneHits)
            record(lane.index, counts, &laneHits, &hits)
        }

        /// Stores text `i`'s result and moves its hits to the shared list.
        func record(_ i: Int, _ counts: ByteCounts, _ laneHits: inout [LiteralHit], _ hits: inout [LiteralHit]) {
            results[i] = BatchResult(counts: counts, hits: hits.count..<(hits.count + laneHits.count))
            if !laneHits.isEmpty {
                hits += laneHits
                laneHits.removeAll(keepingCapacity: true)
            }
        }
    }

    /// One text in a lane of the batch walk.
    struct BatchLane {
        var base: UnsafePointer<UInt8>? = nil
        var i = 0
        var end = 0
        var index = 0
        var row: UInt32 = 0
        var acc: UInt64 = 0
        /// The survey's state, times 16, and the entries it passed, or-ed.
        var surveyState = 0
        var raised: UInt16 = 0
    }

    /// Walks two lanes until either text ends or reaches an output state (see the single walk).
    @inline(never)
    static func walk(_ a: inout BatchLane, _ b: inout BatchLane, _ t: Tables) {
        if t.wide { walk(&a, &b, t, UInt32.self) } else { walk(&a, &b, t, UInt16.self) }
    }

    @inline(__always)
    static func walk<Entry: FixedWidthInteger>(_ a: inout BatchLane, _ b: inout BatchLane, _ t: Tables, _ entry: Entry.Type) {
        let classes = t.classes, table = t.table, packed = t.packed, survey = t.survey
        let limit = t.firstOutRow, shift = t.shift
        // Both lanes step together: one count for both, up to the nearer end, keeps registers
        // free (with an index and an end for each lane, the loop spills a third of its values).
        let pa = a.base! + a.i, pb = b.base! + b.i
        let n = min(a.end - a.i, b.end - b.i)
        var (rowA, accA, stateA, raisedA) = (a.row, a.acc, a.surveyState, a.raised)
        var (rowB, accB, stateB, raisedB) = (b.row, b.acc, b.surveyState, b.raised)
        var k = 0
        repeat {
            let x = Int(pa[k]), y = Int(pb[k])
            rowA = next(table, rowA, classes[x], shift, entry)
            rowB = next(table, rowB, classes[y], shift, entry)
            let p = packed[x], q = packed[y]
            accA &+= p
            accB &+= q
            let e = survey[stateA &+ Int(p >> 60)], f = survey[stateB &+ Int(q >> 60)]
            stateA = Int(e & ByteSurvey.stateMask)
            stateB = Int(f & ByteSurvey.stateMask)
            raisedA |= e
            raisedB |= f
            k &+= 1
        } while k < n && rowA < limit && rowB < limit
        (a.i, a.row, a.acc, a.surveyState, a.raised) = (a.i + k, rowA, accA, stateA, raisedA)
        (b.i, b.row, b.acc, b.surveyState, b.raised) = (b.i + k, rowB, accB, stateB, raisedB)
    }
}
