extension LiteralAutomaton {
    /// Aho–Corasick over some literals, kept as their trie and its failure links: a state's row
    /// of transitions is made when asked for (`row(_:into:)`), by laying the trie edges of the
    /// state and of its failure chain over the start state's row.
    ///
    /// The scan's tables are built from it one row at a time, so a load never holds a full table
    /// of this automaton beside them: the trie costs a few bytes a node, where a table costs a
    /// row of `classCount` entries.
    ///
    /// When `anchored`, a literal starting with a word byte may begin only after a non-word byte
    /// (or at the start): the start state then splits in two, "after a non-word byte" (state 0)
    /// and "inside a word" (the last state), and a failure link goes to the longest suffix that
    /// may begin where it does.
    struct LiteralTrie {
        let classCount: Int
        /// Trie nodes, the root first: each node's first child and next sibling (-1 for none),
        /// and the class of the edge that reaches it.
        private var firstChild: [Int32] = [-1]
        private var nextSibling: [Int32] = [-1]
        private var edgeClass: [UInt8] = [0]
        /// Whether a node is reached by a space.
        private var incomingSpace: [Bool] = [false]
        private var fail: [Int32] = []
        /// The rows of the start state and of the state inside a word (when anchored).
        private var startRow: [Int32] = []
        private var inWordRow: [Int32] = []
        /// The literals each state ends, its failure chain's included; the state inside a word
        /// (when anchored) ends none.
        private(set) var outputs: [[Int32]] = [[]]
        /// Trie nodes; the state inside a word, when anchored, is number `nodeCount`.
        private var nodeCount = 0
        var stateCount: Int { outputs.count }

        init(_ patterns: [[UInt8]], _ ids: [Int], _ classes: [UInt8], _ wordClass: [Bool], anchored: Bool) {
            let k = wordClass.count
            classCount = k
            // 1. The trie. The root's children are also kept by class, as it has the most.
            var rootChild = [Int32](repeating: -1, count: k)
            for id in ids {
                var s = 0
                for b in patterns[id] {
                    let c = LiteralAutomaton.literalClass(b, classes)
                    var t = s == 0 ? Int(rootChild[c]) : child(of: s, c)
                    if t < 0 {
                        t = edgeClass.count
                        firstChild.append(-1)
                        nextSibling.append(firstChild[s])
                        edgeClass.append(UInt8(c))
                        incomingSpace.append(c == Int(LiteralAutomaton.spaceClass))
                        outputs.append([])
                        firstChild[s] = Int32(t)
                        if s == 0 { rootChild[c] = Int32(t) }
                    }
                    s = t
                }
                outputs[s].append(Int32(id))
            }
            let n = outputs.count
            nodeCount = n
            let inWord = anchored ? n : 0
            if anchored { outputs.append([]) }

            // 2. The start rows. With no literal under way, the next byte leaves us after a
            // non-word byte or inside a word; inside a word only literals starting with a
            // non-word byte can begin.
            let rest = (0..<k).map { c in Int32(wordClass[c] ? inWord : 0) }
            startRow = (0..<k).map { c in rootChild[c] >= 0 ? rootChild[c] : rest[c] }
            inWordRow = anchored ? (0..<k).map { c in rootChild[c] >= 0 && !wordClass[c] ? rootChild[c] : rest[c] } : []

            // 3. Failure links, breadth first, so that a node's failure state, being shallower,
            // has its outputs complete when the node takes them.
            fail = [Int32](repeating: 0, count: n)
            var queue: [Int32] = []
            queue.reserveCapacity(n)
            for c in 0..<k where rootChild[c] >= 0 {
                fail[Int(rootChild[c])] = rest[c]
                queue.append(rootChild[c])
            }
            var head = 0
            while head < queue.count {
                let s = Int(queue[head]); head += 1
                let f = Int(fail[s])
                if !outputs[f].isEmpty { outputs[s] += outputs[f].filter { !outputs[s].contains($0) } }
                var t = Int(firstChild[s])
                while t >= 0 {
                    fail[t] = next(from: f, Int(edgeClass[t]))
                    queue.append(Int32(t))
                    t = Int(nextSibling[t])
                }
            }
            outputs = outputs.map { $0.sorted() }
        }

        /// The child of node `s` by class `c`, or -1.
        private func child(of s: Int, _ c: Int) -> Int {
            var t = Int(firstChild[s])
            while t >= 0 && Int(edgeClass[t]) != c { t = Int(nextSibling[t]) }
            return t
        }

        /// The transition from state `s` by class `c`, before white-space runs and separators
        /// are merged (see `row`): the trie edge of `s` or of the first state of its failure chain
        /// that has one.
        private func next(from s: Int, _ c: Int) -> Int32 {
            var f = s
            while true {
                if f == 0 { return startRow[c] }
                if f == nodeCount { return inWordRow[c] }
                let t = child(of: f, c)
                if t >= 0 { return Int32(t) }
                f = Int(fail[f])
            }
        }

        /// Writes state `s`'s transitions, one per class, to `row` (of `classCount` entries).
        func row(_ s: Int, into row: inout [Int32]) {
            overlay(s, &row)
            // A run of white space counts as one: states reached by a space stay put on more space.
            if s == 0 || (s < nodeCount && incomingSpace[s]) { row[Int(LiteralAutomaton.spaceClass)] = Int32(s) }
            // `.` and `-` are separators like any other here.
            let separator = row[Int(LiteralAutomaton.separatorClass)]
            row[Int(LiteralAutomaton.dotClass)] = separator
            row[Int(LiteralAutomaton.dashClass)] = separator
        }

        /// The row of `s` as failure links make it: its failure state's, with its own edges over it.
        private func overlay(_ s: Int, _ row: inout [Int32]) {
            if s == 0 || s == nodeCount {
                let base = s == 0 ? startRow : inWordRow
                for c in 0..<classCount { row[c] = base[c] }
                return
            }
            overlay(Int(fail[s]), &row)
            var t = Int(firstChild[s])
            while t >= 0 {
                row[Int(edgeClass[t])] = Int32(t)
                t = Int(nextSibling[t])
            }
        }
    }
}
