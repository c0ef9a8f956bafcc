extension LiteralAutomaton {
    /// Scans two texts at once. Each text's walk through the automaton is one chain of
    /// dependent table look-ups; interleaving two independent chains lets the processor overlap
    /// their memory latency, so a pair costs well under two single scans. Results are exactly
    /// those of `scan` on each text.
    public func scan(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                     hits hitsA: inout [LiteralHit], _ hitsB: inout [LiteralHit]) -> (ByteCounts, ByteCounts) {
        let common = min(a.count, b.count, 4_095)
        guard common > 0, let baseA = a.baseAddress, let baseB = b.baseAddress else {
            return (scan(a, hits: &hitsA), scan(b, hits: &hitsB))
        }
        let k = Int32(classCount)
        let firstOutRow = firstOutputState &* k
        var rowA: Int32 = 0, rowB: Int32 = 0
        var accA: UInt64 = 0, accB: UInt64 = 0
        classOf.withUnsafeBufferPointer { classes in
        delta.withUnsafeBufferPointer { table in
        LiteralAutomaton.packedCounts.withUnsafeBufferPointer { packed in
            var i = 0
            while i < common {
                let x = baseA[i], y = baseB[i]
                accA &+= packed[Int(x)]
                accB &+= packed[Int(y)]
                rowA = table[Int(rowA) &+ Int(classes[Int(x)])]
                rowB = table[Int(rowB) &+ Int(classes[Int(y)])]
                i &+= 1
                if rowA >= firstOutRow { emit(state: rowA / k, end: i, into: &hitsA) }
                if rowB >= firstOutRow { emit(state: rowB / k, end: i, into: &hitsB) }
            }
        }
        }
        }
        var countsA = ByteCounts(packed: accA), countsB = ByteCounts(packed: accB)
        if a.count > common { continueScan(a, from: common, row: rowA, counts: &countsA, hits: &hitsA) }
        if b.count > common { continueScan(b, from: common, row: rowB, counts: &countsB, hits: &hitsB) }
        return (countsA, countsB)
    }

    /// A single scan from `offset` in state row `row` to the end, adding to `counts` and `hits`.
    func continueScan(_ text: UnsafeBufferPointer<UInt8>, from offset: Int, row start: Int32, counts: inout ByteCounts,
                      hits: inout [LiteralHit]) {
        let k = Int32(classCount)
        let firstOutRow = firstOutputState &* k
        var row = start
        let base = text.baseAddress!
        classOf.withUnsafeBufferPointer { classes in
        delta.withUnsafeBufferPointer { table in
        LiteralAutomaton.packedCounts.withUnsafeBufferPointer { packed in
            var offset = offset
            while offset < text.count {
                let chunkEnd = min(text.count, offset + 4_095)
                var acc: UInt64 = 0
                var i = offset
                while i < chunkEnd {
                    let x = base[i]
                    acc &+= packed[Int(x)]
                    row = table[Int(row) &+ Int(classes[Int(x)])]
                    i &+= 1
                    if row >= firstOutRow { emit(state: row / k, end: i, into: &hits) }
                }
                counts.add(packed: acc)
                offset = chunkEnd
            }
        }
        }
        }
    }
}

extension ByteCounts {
    /// The counts of `text` alone, without running an automaton.
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

    /// Whether `text` is pure ASCII, eight bytes at a time.
    public static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        var i = 0
        var any: UInt64 = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= text.count {
            any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < text.count { any |= UInt64(base[i]); i += 1 }
        return any & 0x8080_8080_8080_8080 == 0
    }

    /// Counts from one chunk's packed accumulator.
    init(packed acc: UInt64) {
        self.init()
        add(packed: acc)
    }

    /// Adds one chunk's packed accumulator: five 12-bit counters.
    mutating func add(packed acc: UInt64) {
        letters += Int(acc & 0xFFF)
        upper += Int((acc >> 12) & 0xFFF)
        linkMarks += Int((acc >> 24) & 0xFFF)
        braces += Int((acc >> 36) & 0xFFF)
        nonASCII += Int((acc >> 48) & 0xFFF)
    }
}
