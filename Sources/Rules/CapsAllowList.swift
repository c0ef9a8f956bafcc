/// Words a caps-ratio rule does not count when written in capitals (STOP, MRI, A1C), kept so
/// that a word of up to eight ASCII characters is looked up as one integer, without a string.
struct CapsAllowList: Sendable {
    let packed: PackedWordSet
    let other: Set<String>
    let longest: Int

    init(_ words: [String]) {
        var packed: Set<UInt64> = [], other: Set<String> = []
        for w in words {
            if let key = CapsAllowList.key(Array(w.utf8)) {
                packed.insert(key)
            } else if w.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType == .decimal }) {
                // Words are runs of letters and digits: an entry with punctuation (COVID-19) never
                // matches one, so only such entries need spelling out.
                other.insert(w)
            }
        }
        self.packed = PackedWordSet(packed)
        self.other = other
        self.longest = words.map { $0.unicodeScalars.count }.max() ?? 0
    }

    /// Up to eight ASCII capitals and digits packed into an integer.
    static func key(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 8, bytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        var k: UInt64 = 0
        for (i, b) in bytes.enumerated() { k |= UInt64(b) << (8 * UInt64(i)) }
        return k
    }
}

/// A small set of words packed into integers (`CapsAllowList.key`), looked up with one
/// multiplication and a probe or two: words are looked up once per capitalised word of a
/// message, where a general-purpose hash costs more than the rest of the count.
struct PackedWordSet: Sendable {
    private let slots: [UInt64]
    private let mask: Int

    init(_ keys: Set<UInt64>) {
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for key in keys where key != 0 {
            var i = PackedWordSet.slot(key, size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = key
        }
        self.slots = slots
        self.mask = size - 1
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Whether `key` is in the set (0, the empty word, never is).
    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return false }
        var i = PackedWordSet.slot(key, mask)
        while true {
            let k = slots[i]
            if k == key { return true }
            if k == 0 { return false }
            i = (i + 1) & mask
        }
    }
}
