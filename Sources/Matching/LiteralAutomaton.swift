/// Many literal strings compiled into one Aho–Corasick automaton that finds all of them in a
/// single pass over UTF-8 bytes.
///
/// Matching is ASCII case-insensitive; any run of white space in the text matches one space in
/// a literal; and `.`, `-`, `_` and `*` are one separator class, so a literal `c.b.d` also finds
/// `c-b-d`. The automaton is a full DFA over byte classes, so each text byte costs one table
/// look-up whatever the number of literals.
public struct LiteralAutomaton: Sendable {
    /// The literals, in the order given; a hit's `pattern` indexes this array.
    public let patterns: [[UInt8]]
    /// Byte to class.
    @usableFromInline let classOf: [UInt8]
    /// Number of byte classes (distinct bytes in the literals, plus white space, separators and other).
    public let classCount: Int
    /// `delta[row + class]` is the next state's row, where a state's row is `state * classCount`.
    @usableFromInline let delta: [Int32]
    /// States at or above this number end at least one literal (compare rows with `firstOutputState * classCount`).
    @usableFromInline let firstOutputState: Int32
    /// For output state `s`, `outputIDs[outputStart[s - first] ..< outputStart[s - first + 1]]`.
    @usableFromInline let outputStart: [Int32]
    @usableFromInline let outputIDs: [Int32]

    /// Number of DFA states, for size reports.
    public var stateCount: Int { delta.count / max(classCount, 1) }

    static let otherClass: UInt8 = 0
    static let spaceClass: UInt8 = 1
    static let separatorClass: UInt8 = 2

    /// True for the bytes that are one white-space class.
    @inlinable public static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    /// True for the bytes that are one separator class: `.`, `-`, `_`, `*`.
    @inlinable public static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2A
    }

    /// Builds the automaton. Literals should be lowercase, trimmed, with single spaces.
    public init(patterns: [[UInt8]]) {
        self.patterns = patterns
        var classes = [UInt8](repeating: LiteralAutomaton.otherClass, count: 256)
        for b in 0..<256 where LiteralAutomaton.isSpace(UInt8(b)) { classes[b] = LiteralAutomaton.spaceClass }
        for b in [UInt8(0x2E), 0x2D, 0x5F, 0x2A] { classes[Int(b)] = LiteralAutomaton.separatorClass }
        var next: UInt8 = 3
        for p in patterns {
            for b in p where classes[Int(LiteralAutomaton.fold(b))] == LiteralAutomaton.otherClass {
                let f = LiteralAutomaton.fold(b)
                classes[Int(f)] = next
                if f >= 0x61 && f <= 0x7A { classes[Int(f - 0x20)] = next }
                next += 1
                precondition(next < 255, "more than 250 distinct bytes in literals")
            }
        }
        let k = Int(next)
        self.classOf = classes
        self.classCount = k

        // 1. The trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: k)]
        var own: [[Int32]] = [[]]
        var incomingSpace: [Bool] = [false]
        for (id, p) in patterns.enumerated() {
            var s = 0
            for b in p {
                let c = Int(classes[Int(b)])
                if goto[s][c] < 0 {
                    goto[s][c] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: k))
                    own.append([])
                    incomingSpace.append(c == Int(LiteralAutomaton.spaceClass))
                }
                s = Int(goto[s][c])
            }
            own[s].append(Int32(id))
        }
        let n = goto.count

        // 2. Failure links and the full transition table, breadth first.
        var delta = [Int32](repeating: 0, count: n * k)
        var fail = [Int32](repeating: 0, count: n)
        var outputs = own
        var queue: [Int] = []
        for c in 0..<k {
            let t = goto[0][c]
            if t >= 0 { queue.append(Int(t)); delta[c] = t } else { delta[c] = 0 }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            outputs[s] += outputs[Int(fail[s])].filter { !outputs[s].contains($0) }
            for c in 0..<k {
                let t = goto[s][c]
                if t >= 0 {
                    fail[Int(t)] = delta[Int(fail[s]) * k + c]
                    delta[s * k + c] = t
                    queue.append(Int(t))
                } else {
                    delta[s * k + c] = delta[Int(fail[s]) * k + c]
                }
            }
        }
        // 3. A run of white space counts as one: states reached by a space stay put on more space.
        let sc = Int(LiteralAutomaton.spaceClass)
        for s in 0..<n where s == 0 || incomingSpace[s] { delta[s * k + sc] = Int32(s) }

        // 4. Renumber so that output states come last: the scan loop tests one comparison.
        var order = (0..<n).filter { outputs[$0].isEmpty }
        let firstOut = order.count
        order += (0..<n).filter { !outputs[$0].isEmpty }
        precondition(order[0] == 0, "the root has no output")
        var newNumber = [Int32](repeating: 0, count: n)
        for (new, old) in order.enumerated() { newNumber[old] = Int32(new) }
        var table = [Int32](repeating: 0, count: n * k)
        for (new, old) in order.enumerated() {
            // Entries are row offsets (state × classes), saving a multiplication per text byte.
            for c in 0..<k { table[new * k + c] = newNumber[Int(delta[old * k + c])] * Int32(k) }
        }
        var starts: [Int32] = [0]
        var ids: [Int32] = []
        for old in order[firstOut...] {
            ids += outputs[old].sorted()
            starts.append(Int32(ids.count))
        }
        self.delta = table
        self.firstOutputState = Int32(firstOut)
        self.outputStart = starts
        self.outputIDs = ids
    }

    @inlinable static func fold(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// The class of a byte, as the automaton sees it.
    @inlinable public func byteClass(_ b: UInt8) -> UInt8 { classOf[Int(b)] }
}
