/// Numbers pairs of states (a, b) in the order they are first seen.
///
/// Text reaches few of all the pairs, and most left states `a` meet a single right state: each
/// `a` keeps its first pair in flat arrays indexed by `a`, so most look-ups are one array read.
/// Later pairs of the same `a` go to an open-addressing map with linear probing over flat
/// arrays, kept at most half full.
struct PairNumbering {
    /// Each left state's first right state (-1 before it has one) and that pair's number.
    private var firstPartner: [Int32]
    private var firstNumber: [Int32]
    private let rightCount: UInt64
    /// Each other pair's key (`a·rightCount + b`) plus one; zero marks an empty slot.
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    /// Pairs in `keys`.
    private var hashed = 0
    /// Pairs numbered so far.
    private(set) var count = 0

    /// An empty numbering of pairs of `leftCount` left and `rightCount` right states.
    init(leftCount: Int, rightCount: Int) {
        firstPartner = [Int32](repeating: -1, count: leftCount)
        firstNumber = [Int32](repeating: 0, count: leftCount)
        self.rightCount = UInt64(rightCount)
        keys = [UInt64](repeating: 0, count: 1024)
        values = [Int32](repeating: 0, count: 1024)
        mask = keys.count - 1
    }

    /// The number of pair (`a`, `b`), given the next free number if it is new.
    mutating func number(_ a: Int32, _ b: Int32) -> Int32 {
        let partner = firstPartner[Int(a)]
        if partner == b { return firstNumber[Int(a)] }
        guard partner < 0 else { return number(of: UInt64(a) &* rightCount &+ UInt64(b)) }
        let id = Int32(count)
        firstPartner[Int(a)] = b
        firstNumber[Int(a)] = id
        count += 1
        return id
    }

    /// The number of a pair past its left state's first, by key.
    private mutating func number(of key: UInt64) -> Int32 {
        let stored = key &+ 1
        var slot = Self.slot(stored, mask)
        while true {
            let k = keys[slot]
            if k == stored { return values[slot] }
            if k == 0 { break }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        keys[slot] = stored
        values[slot] = id
        count += 1
        hashed += 1
        if 2 * hashed > keys.count { grow() }
        return id
    }

    private static func slot(_ stored: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] != 0 {
            var slot = Self.slot(oldKeys[i], mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            values[slot] = oldValues[i]
        }
    }
}
