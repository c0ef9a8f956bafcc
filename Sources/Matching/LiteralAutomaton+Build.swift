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
    static func anchors(_ classes: [UInt8], id: Int32) -> Component<Int32> {
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
        return Component<Int32>(delta: delta, outputs: [[], [], [], [], [], [id], [id]], classCount: k)
    }

    /// One deterministic automaton before renumbering: transitions in state numbers of type
    /// `State` (16 bits for the anchored literals when their trie fits, halving the largest
    /// table a load builds), and the literals each state ends. State 0 is the start.
    struct Component<State: FixedWidthInteger> {
        var delta: [State]
        var outputs: [[Int32]]
        let classCount: Int
        var stateCount: Int { outputs.count }

        /// Aho–Corasick over `ids` of `patterns`. When `anchored`, a literal starting with a word
        /// byte may begin only after a non-word byte (or at the start): the start state then
        /// splits in two, "after a non-word byte" (state 0) and "inside a word" (the last state),
        /// and a failure link goes to the longest suffix that may begin where it does.
        init(delta: [State], outputs: [[Int32]], classCount: Int) {
            self.delta = delta
            self.outputs = outputs
            self.classCount = classCount
        }

        init(_ patterns: [[UInt8]], _ ids: [Int], _ classes: [UInt8], _ wordClass: [Bool], anchored: Bool) {
            let k = wordClass.count
            classCount = k
            // 1. The trie, in the table that becomes the transitions: a row of k entries per
            // node, `none` where the trie has no edge (no state has that number: the caller
            // picks a `State` wide enough, see `trieNodes`). One flat table, filled in place
            // below, keeps the load's peak to one table instead of a trie of row arrays beside a
            // second table.
            let none = State.max
            var delta = [State](repeating: none, count: k)
            // At most a node per literal byte, and the state inside a word: reserved at once (pages
            // never reached are never touched), so growing never copies the table.
            delta.reserveCapacity((ids.reduce(2) { $0 + patterns[$1].count }) * k)
            var own: [[Int32]] = [[]]
            var incomingSpace: [Bool] = [false]
            for id in ids {
                var s = 0
                for b in patterns[id] {
                    let c = LiteralAutomaton.literalClass(b, classes)
                    if delta[s * k + c] == none {
                        delta[s * k + c] = State(own.count)
                        delta.append(contentsOf: repeatElement(none, count: k))
                        own.append([])
                        incomingSpace.append(c == Int(LiteralAutomaton.spaceClass))
                    }
                    s = Int(delta[s * k + c])
                }
                own[s].append(Int32(id))
            }
            let n = own.count
            let inWord = anchored ? n : 0
            let states = anchored ? n + 1 : n
            if anchored { delta.append(contentsOf: repeatElement(0, count: k)) }

            // 2. Failure links and the full transition table, breadth first: a node's missing
            // edges are those of its failure state, whose row is complete by then.
            var fail = [State](repeating: 0, count: states)
            var outputs = own + (anchored ? [[]] : [])
            var queue: [Int] = []
            for c in 0..<k {
                let t = delta[c]
                // With no literal under way, the next byte leaves us after a non-word byte or inside a word.
                let rest = State(wordClass[c] ? inWord : 0)
                delta[c] = t != none ? t : rest
                // Inside a word only literals starting with a non-word byte can begin.
                if anchored { delta[inWord * k + c] = t != none && !wordClass[c] ? t : rest }
                if t != none { fail[Int(t)] = rest; queue.append(Int(t)) }
            }
            var head = 0
            while head < queue.count {
                let s = queue[head]; head += 1
                let f = Int(fail[s])
                outputs[s] += outputs[f].filter { !outputs[s].contains($0) }
                for c in 0..<k {
                    let t = delta[s * k + c]
                    if t != none {
                        fail[Int(t)] = delta[f * k + c]
                        queue.append(Int(t))
                    } else {
                        delta[s * k + c] = delta[f * k + c]
                    }
                }
            }
            // 3. A run of white space counts as one: states reached by a space stay put on more space.
            let sc = Int(LiteralAutomaton.spaceClass)
            for s in 0..<n where s == 0 || incomingSpace[s] { delta[s * k + sc] = State(s) }
            // `.` and `-` are separators like any other here.
            let sep = Int(LiteralAutomaton.separatorClass)
            for s in 0..<states {
                delta[s * k + Int(LiteralAutomaton.dotClass)] = delta[s * k + sep]
                delta[s * k + Int(LiteralAutomaton.dashClass)] = delta[s * k + sep]
            }
            self.delta = delta
            self.outputs = outputs.map { $0.sorted() }
        }

        /// Both automata run side by side as one: a state per pair of states that text can reach.
        func product(_ other: Component<Int32>) -> Component<Int32> where State == Int32 {
            let k = classCount
            // Text reaches few of the pairs (a, b): they are numbered as they are found, where a
            // table of every pair would be the largest allocation of a load.
            var number = PairNumbering(leftCount: stateCount, rightCount: other.stateCount)
            _ = number.number(0, 0)
            var pairs: [(Int32, Int32)] = [(0, 0)]
            var delta: [Int32] = []
            // Room for twice the states of both at once: pages the product never reaches are never
            // touched, and a table that has to grow is copied, the old beside the new.
            delta.reserveCapacity(min(stateCount * other.stateCount, 2 * (stateCount + other.stateCount)) * k)
            var outputs: [[Int32]] = []
            var head = 0
            while head < pairs.count {
                let (a, b) = pairs[head]; head += 1
                let own = self.outputs[Int(a)], theirs = other.outputs[Int(b)]
                outputs.append(theirs.isEmpty ? own : own.isEmpty ? theirs : Array(Set(own + theirs)).sorted())
                // Grown by a quarter at a time, not doubled: the table is the largest allocation
                // of a load, and a doubled one alive beside its operands set the load's peak.
                if delta.count + k > delta.capacity { delta.reserveCapacity(delta.count + max(delta.count / 4, k * 256)) }
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

        /// The scan's tables: this automaton and `other` side by side, as `product` gives them,
        /// with the states that end a literal numbered last (the scan tests one comparison), each
        /// state a row of `stride` entries of type `Entry` (the next state's number; those past
        /// `classCount` unused). Nil when a state number does not fit `Entry`.
        ///
        /// The two kinds of state are numbered apart as they are found and their rows written to
        /// two tables, joined at the end: no product table is built and then copied in a new order.
        /// Rows are written at their final width, so the load's peak holds no wider copy of them.
        func scanTables<Entry: FixedWidthInteger & UnsignedInteger>(with other: Component<Int32>, stride: Int, as _: Entry.Type)
            -> (rows: [Entry], states: Int, firstOutput: Int, outputStart: [Int32], outputIDs: [Int32])? {
            let k = classCount
            // A state's place while the tables grow: its index among the states that end no
            // literal, or `endsBit` with its index among those that do.
            let endsBit: UInt32 = 1 << 31
            var number = PairNumbering(leftCount: stateCount, rightCount: other.stateCount)
            var places: [UInt32] = []
            var pairs: [(Int32, Int32)] = []
            var plainCount: UInt32 = 0, endingCount: UInt32 = 0
            func place(_ a: Int32, _ b: Int32) -> UInt32 {
                let id = Int(number.number(a, b))
                if id == places.count {
                    pairs.append((a, b))
                    if self.outputs[Int(a)].isEmpty && other.outputs[Int(b)].isEmpty {
                        places.append(plainCount); plainCount += 1
                    } else {
                        places.append(endsBit | endingCount); endingCount += 1
                    }
                }
                return places[id]
            }
            precondition(place(0, 0) == 0, "the start state ends no literal")
            // Room for twice the states of both, as in `product`: the rows of the states that end
            // a literal are appended to it at the end, without growing it. An entry goes in as the
            // place it names, a plain state's index counted up from 0 and an ending state's down
            // from `Entry.max`: the two meet only when the states do not fit `Entry`.
            var plain: [Entry] = []
            plain.reserveCapacity(2 * (stateCount + other.stateCount) * stride)
            var ending: [Entry] = []
            var starts: [Int32] = [0], ids: [Int32] = []
            var head = 0
            while head < pairs.count {
                let (a, b) = pairs[head]
                let ends = places[head] & endsBit != 0
                head += 1
                if ends {
                    let own = self.outputs[Int(a)], theirs = other.outputs[Int(b)]
                    ids += theirs.isEmpty ? own : own.isEmpty ? theirs : Array(Set(own + theirs)).sorted()
                    starts.append(Int32(ids.count))
                }
                for c in 0..<stride {
                    let p = c < k ? place(Int32(self.delta[Int(a) * k + c]), other.delta[Int(b) * k + c]) : 0
                    let index = p & ~endsBit
                    guard index <= UInt32(Entry.max) else { return nil }
                    let entry = p & endsBit == 0 ? Entry(index) : Entry.max - Entry(index)
                    if ends { ending.append(entry) } else { plain.append(entry) }
                }
            }
            let firstOutput = Int(plainCount)
            guard firstOutput + Int(endingCount) - 1 <= Int(Entry.max) else { return nil }
            plain += ending
            ending = []
            // Places become state numbers: the ending states come after the plain ones.
            if endingCount > 0 {
                let lowestEnding = Entry.max - Entry(endingCount - 1)
                for i in plain.indices where plain[i] >= lowestEnding { plain[i] = Entry(firstOutput) + (Entry.max - plain[i]) }
            }
            return (plain, Int(plainCount + endingCount), firstOutput, starts, ids)
        }
    }

    /// The nodes of the trie of `ids` of `patterns` as `Component` builds it (their distinct
    /// prefixes, the root among them), found without building it: whether its state numbers
    /// fit 16 bits.
    static func trieNodes(_ patterns: [[UInt8]], _ ids: [Int], _ classes: [UInt8]) -> Int {
        let keys = ids.map { patterns[$0].map { UInt8(literalClass($0, classes)) } }.sorted { $0.lexicographicallyPrecedes($1) }
        var nodes = 1
        var previous: [UInt8] = []
        for key in keys {
            var shared = 0
            while shared < min(previous.count, key.count) && previous[shared] == key[shared] { shared += 1 }
            nodes += key.count - shared
            previous = key
        }
        return nodes
    }
}
