/// Numbers keys in the order they are first seen: an open-addressing map with linear probing over
/// flat arrays, kept at most half full.
struct PairNumbering {
    /// Each slot's key plus one; zero marks an empty slot.
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// A map sized for about `expected` keys before it first grows.
    init(expected: Int) {
        var capacity = 16
        while capacity < 2 * expected { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The number of `key`, given the next free number if it is new.
    mutating func number(of key: UInt64) -> Int32 {
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
        if 2 * count > keys.count { grow() }
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
