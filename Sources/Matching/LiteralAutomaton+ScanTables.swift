extension LiteralAutomaton.LiteralTrie {
    /// The scan's tables: this automaton and `other` side by side, as `Component.product` gives
    /// them, with the states that end a literal numbered last (the scan tests one comparison),
    /// each state a row of `stride` entries (the next state's number; those past `classCount`
    /// unused): 16-bit entries when every state number fits, else 32-bit ones (the other array
    /// empty).
    ///
    /// Two passes: the first finds and numbers the states, the second writes each row once, in
    /// its place, into a table of exactly the final size. No table grows, is copied or is
    /// renumbered, so the table is the only large allocation of the load.
    func scanTables(with other: LiteralAutomaton.Component, stride: Int)
        -> (narrow: [UInt16], wide: [UInt32], states: Int, firstOutput: Int, outputStart: [Int32], outputIDs: [Int32]) {
        let k = classCount
        // 1. The pairs of states text can reach, numbered as they are found, and which end a literal.
        var number = PairNumbering(leftCount: stateCount, rightCount: other.stateCount)
        var pairs: [(Int32, Int32)] = []
        var ends: [Bool] = []
        func note(_ a: Int32, _ b: Int32) {
            if Int(number.number(a, b)) == pairs.count {
                pairs.append((a, b))
                ends.append(!outputs[Int(a)].isEmpty || !other.outputs[Int(b)].isEmpty)
            }
        }
        note(0, 0)
        precondition(!ends[0], "the start state ends no literal")
        var left = [Int32](repeating: 0, count: k)
        var head = 0
        while head < pairs.count {
            let (a, b) = pairs[head]
            head += 1
            row(Int(a), into: &left)
            for c in 0..<k { note(left[c], other.delta[Int(b) * k + c]) }
        }
        // Final numbers: the states that end no literal first, in the order found, then the others.
        let firstOutput = ends.count(where: { !$0 })
        var final = [Int32](repeating: 0, count: pairs.count)
        var plain: Int32 = 0, ending = Int32(firstOutput)
        var starts: [Int32] = [0], ids: [Int32] = []
        for (i, (a, b)) in pairs.enumerated() {
            if ends[i] {
                final[i] = ending; ending += 1
                let own = outputs[Int(a)], theirs = other.outputs[Int(b)]
                ids += theirs.isEmpty ? own : own.isEmpty ? theirs : Array(Set(own + theirs)).sorted()
                starts.append(Int32(ids.count))
            } else {
                final[i] = plain; plain += 1
            }
        }
        // 2. The rows, each written once where its state's number puts it.
        func table<Entry: FixedWidthInteger & UnsignedInteger>(_: Entry.Type) -> [Entry] {
            [Entry](unsafeUninitializedCapacity: pairs.count * stride) { buffer, count in
                var left = [Int32](repeating: 0, count: k)
                for (i, (a, b)) in pairs.enumerated() {
                    row(Int(a), into: &left)
                    let base = Int(final[i]) * stride
                    for c in 0..<stride {
                        let next = c < k ? final[Int(number.number(left[c], other.delta[Int(b) * k + c]))] : 0
                        (buffer.baseAddress! + base + c).initialize(to: Entry(next))
                    }
                }
                count = pairs.count * stride
            }
        }
        let narrow = pairs.count <= Int(UInt16.max) + 1
        return (narrow ? table(UInt16.self) : [], narrow ? [] : table(UInt32.self), pairs.count, firstOutput, starts, ids)
    }
}
