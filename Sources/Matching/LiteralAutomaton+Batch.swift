extension LiteralAutomaton {
    /// Texts up to this many bytes share the two-lane batch walk; longer ones are scanned alone.
    public static let batchTextLimit = 4_095

    /// Scans `count` texts, two at a time: each lane walks one text, and when a text ends the
    /// next one takes its lane, so no text is left to a slower single walk. Results are exactly
    /// those of `scan` on each text.
    ///
    /// - Parameters:
    ///   - text: The `i`th text; called once per text, in order.
    ///   - result: Called once per text with its index, counts and hits, in the order texts
    ///     finish (not their order). The hits buffer is reused once `result` returns.
    public func scan(batch count: Int, text: (Int) -> UnsafeBufferPointer<UInt8>,
                     result: (Int, ByteCounts, inout [LiteralHit]) -> Void) {
        let k = UInt32(classCount)
        var next = 0
        var hitsA: [LiteralHit] = [], hitsB: [LiteralHit] = []
        var a = BatchLane(), b = BatchLane()
        /// Puts the next short text in a lane; long and empty texts are done on the way.
        func fill(_ lane: inout BatchLane, _ hits: inout [LiteralHit]) -> Bool {
            while next < count {
                let t = text(next)
                next += 1
                guard let base = t.baseAddress, t.count > 0, t.count <= LiteralAutomaton.batchTextLimit else {
                    let counts = scan(t, hits: &hits)
                    result(next - 1, counts, &hits)
                    hits.removeAll(keepingCapacity: true)
                    continue
                }
                lane = BatchLane(base: base, end: t.count, index: next - 1)
                return true
            }
            return false
        }
        var liveA = fill(&a, &hitsA), liveB = fill(&b, &hitsB)
        withTables { tables in
            while liveA && liveB {
                LiteralAutomaton.walk(&a, &b, tables)
                if a.row >= tables.firstOutRow { emit(state: a.row / k, end: a.i, into: &hitsA) }
                if b.row >= tables.firstOutRow { emit(state: b.row / k, end: b.i, into: &hitsB) }
                if a.i == a.end {
                    var counts = ByteCounts(packed: a.acc)
                    settle(&counts, &hitsA)
                    result(a.index, counts, &hitsA)
                    hitsA.removeAll(keepingCapacity: true)
                    liveA = fill(&a, &hitsA)
                }
                if b.i == b.end {
                    var counts = ByteCounts(packed: b.acc)
                    settle(&counts, &hitsB)
                    result(b.index, counts, &hitsB)
                    hitsB.removeAll(keepingCapacity: true)
                    liveB = fill(&b, &hitsB)
                }
            }
        }
        // One lane may be left: finish its text alone.
        func finish(_ lane: BatchLane, _ hits: inout [LiteralHit]) {
            var counts = ByteCounts(packed: lane.acc)
            if lane.i < lane.end {
                continueScan(UnsafeBufferPointer(start: lane.base, count: lane.end), from: lane.i, row: lane.row,
                             counts: &counts, hits: &hits)
            }
            settle(&counts, &hits)
            result(lane.index, counts, &hits)
        }
        if liveA { finish(a, &hitsA) }
        if liveB { finish(b, &hitsB) }
    }

    /// One text in a lane of the batch walk.
    struct BatchLane {
        var base: UnsafePointer<UInt8>? = nil
        var i = 0
        var end = 0
        var index = 0
        var row: UInt32 = 0
        var acc: UInt64 = 0
    }

    /// Walks two lanes until either text ends or reaches an output state (see the single walk).
    @inline(never)
    static func walk(_ a: inout BatchLane, _ b: inout BatchLane, _ t: Tables) {
        let classes = t.classes, table = t.table, packed = t.packed
        let limit = t.firstOutRow
        let pa = a.base!, pb = b.base!
        var (ia, rowA, accA) = (a.i, a.row, a.acc)
        var (ib, rowB, accB) = (b.i, b.row, b.acc)
        let endA = a.end, endB = b.end
        repeat {
            let x = Int(pa[ia]), y = Int(pb[ib])
            rowA = table[Int(rowA) &+ Int(classes[x])]
            rowB = table[Int(rowB) &+ Int(classes[y])]
            accA &+= packed[x]
            accB &+= packed[y]
            ia &+= 1
            ib &+= 1
        } while ia < endA && ib < endB && rowA < limit && rowB < limit
        (a.i, a.row, a.acc) = (ia, rowA, accA)
        (b.i, b.row, b.acc) = (ib, rowB, accB)
    }
}
