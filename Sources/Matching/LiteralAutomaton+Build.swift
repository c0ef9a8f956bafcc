extension LiteralAutomaton {
    /// Byte to class: white space, separators, other non-word bytes, other word bytes, then one
    /// class per distinct (case-folded) byte of the literals.
    static func classes(for patterns: [[UInt8]]) -> [UInt8] {
        var classes = [UInt8](repeating: otherClass, count: 256)
        for b in 0..<256 where isWordByte(UInt8(b)) { classes[b] = otherWordClass }
        for b in 0..<256 where isSpace(UInt8(b)) { classes[b] = spaceClass }
        // The separators match one another in literals, but `.` and `-` play different parts in
        // links, so each has a class of its own that the literal automata treat alike.
        classes[0x5F] = separatorClass
        classes[0x2A] = separatorClass
        classes[0x2E] = dotClass
        classes[0x2D] = dashClass
        classes[0x3A] = colonClass
        classes[0x2F] = slashClass
        var next = slashClass + 1
        for p in patterns {
            for b in p {
                let f = fold(b)
                guard classes[Int(f)] == otherClass || classes[Int(f)] == otherWordClass else { continue }
                classes[Int(f)] = next
                if f >= 0x61 && f <= 0x7A { classes[Int(f - 0x20)] = next }
                next += 1
                precondition(next < 255, "more than 250 distinct bytes in literals")
            }
        }
        return classes
    }

    /// The class a literal's byte is inserted under: every separator as one.
    static func literalClass(_ b: UInt8, _ classes: [UInt8]) -> Int {
        let c = classes[Int(b)]
        return Int(c == dotClass || c == dashClass ? separatorClass : c)
    }

    /// The link-anchor automaton: it ends the pseudo-literal `id` wherever a link can hang, at
    /// the label byte after `label.` and at the second `/` of `://`, as `LinkExtractor` looks.
    static func anchors(_ classes: [UInt8], id: Int32) -> Component {
        let k = Int(classes.max()!) + 1
        var label = [Bool](repeating: false, count: k)
        for b in 0..<256 where LinkSyntax.isLabel(UInt8(b)) { label[Int(classes[b])] = true }
        // States: 0 nothing, 1 after a label byte, 2 after label `.`, 3 after `:`, 4 after `:/`,
        // 5 a label byte after label `.` (an anchor; then as 1), 6 `://` (an anchor; then as 0).
        var delta = [Int32](repeating: 0, count: 7 * k)
        for s in 0..<7 {
            for c in 0..<k {
                let next: Int32
                if label[c] {
                    next = s == 2 ? 5 : 1
                } else if c == Int(dotClass) {
                    next = s == 1 || s == 5 ? 2 : 0
                } else if c == Int(colonClass) {
                    next = 3
                } else if c == Int(slashClass) {
                    next = s == 3 ? 4 : s == 4 ? 6 : 0
                } else {
                    next = 0
                }
                delta[s * k + c] = next
            }
        }
        return Component(delta: delta, outputs: [[], [], [], [], [], [id], [id]], classCount: k)
    }

    /// One deterministic automaton as a full table, before renumbering: the link anchors, and the
    /// free literals beside them. State 0 is the start.
    struct Component {
        var delta: [Int32]
        var outputs: [[Int32]]
        let classCount: Int
        var stateCount: Int { outputs.count }

        init(delta: [Int32], outputs: [[Int32]], classCount: Int) {
            self.delta = delta
            self.outputs = outputs
            self.classCount = classCount
        }

        /// The table of `trie`'s automaton.
        init(_ trie: LiteralTrie) {
            let k = trie.classCount
            var row = [Int32](repeating: 0, count: k)
            var delta: [Int32] = []
            delta.reserveCapacity(trie.stateCount * k)
            for s in 0..<trie.stateCount {
                trie.row(s, into: &row)
                delta += row
            }
            self.init(delta: delta, outputs: trie.outputs, classCount: k)
        }

        /// Both automata run side by side as one: a state per pair of states that text can reach.
        /// Used for the few free literals and the link anchors, so the table stays small.
        func product(_ other: Component) -> Component {
            let k = classCount
            // Text reaches few of the pairs (a, b): they are numbered as they are found.
            var number = PairNumbering(leftCount: stateCount, rightCount: other.stateCount)
            _ = number.number(0, 0)
            var pairs: [(Int32, Int32)] = [(0, 0)]
            var delta: [Int32] = []
            var outputs: [[Int32]] = []
            var head = 0
            while head < pairs.count {
                let (a, b) = pairs[head]; head += 1
                let own = self.outputs[Int(a)], theirs = other.outputs[Int(b)]
                outputs.append(theirs.isEmpty ? own : own.isEmpty ? theirs : Array(Set(own + theirs)).sorted())
                for c in 0..<k {
                    let next = (self.delta[Int(a) * k + c], other.delta[Int(b) * k + c])
                    let id = number.number(next.0, next.1)
                    if Int(id) == pairs.count { pairs.append(next) }
                    delta.append(id)
                }
            }
            var out = self
            out.delta = delta
            out.outputs = outputs
            return out
        }
    }
}
