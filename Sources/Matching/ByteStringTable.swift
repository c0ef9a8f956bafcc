#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from byte strings (host names, domain suffixes) to one-byte values.
///
/// Open-addressed with FNV-1a, and its keys stored end to end in one array: a lookup hashes the
/// bytes where they are, in the text or a host, and makes no string. Each entry keeps its hash,
/// so a probe compares bytes only when the hashes agree.
public struct ByteStringTable: Sendable {
    /// What a key maps to: a byte of flags, or anything that fits one.
    public typealias Value = UInt8

    private struct Entry: Sendable {
        var start: Int32
        var count: Int32
        var hash: UInt32
    }

    private var keyBytes: [UInt8] = []
    private var entries: [Entry] = []
    private var values: [Value] = []
    /// Index into `entries` plus one; 0 is an empty slot.
    private var slots: [Int32]
    private var mask: Int

    /// An empty table with room for `capacity` keys before it grows.
    public init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The number of keys.
    public var count: Int { entries.count }

    /// FNV-1a over the bytes, folded so that the low bits mix in the high ones.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The value stored for `key`, or nil.
    public func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let h = ByteStringTable.hash(key)
        guard let e = find(key, h) else { return nil }
        return values[e]
    }

    /// Whether `key` is in the table.
    public func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        find(key, ByteStringTable.hash(key)) != nil
    }

    /// Stores `value` for `key`, or, when the key is there already, combines the two with `merge`.
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value,
                                merge: (Value, Value) -> Value = { _, new in new }) {
        let h = ByteStringTable.hash(key)
        if let e = find(key, h) {
            values[e] = merge(values[e], value)
            return
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(start: Int32(keyBytes.count), count: Int32(key.count), hash: h))
        keyBytes.append(contentsOf: key)
        values.append(value)
        place(entries.count - 1, h)
    }

    /// Calls `body` with each key and its value, in insertion order.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, Value) -> Void) {
        keyBytes.withUnsafeBufferPointer { bytes in
            for (i, e) in entries.enumerated() {
                body(UnsafeBufferPointer(rebasing: bytes[Int(e.start)..<Int(e.start + e.count)]), values[i])
            }
        }
    }

    /// The entry index of `key` (with hash `h`), or nil.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt32) -> Int? {
        // Plain subscripts: reading an element retains nothing.
        var s = Int(h) & mask
        while true {
            let i = Int(slots[s])
            if i == 0 { return nil }
            let e = entries[i - 1]
            if e.hash == h && Int(e.count) == key.count && (key.isEmpty || equals(e, key)) { return i - 1 }
            s = (s + 1) & mask
        }
    }

    /// Whether entry `e`'s key is `key`.
    private func equals(_ e: Entry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(e.start), key.baseAddress!, key.count) == 0 }
    }

    private mutating func place(_ entry: Int, _ h: UInt32) {
        var s = Int(h) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for i in entries.indices { place(i, entries[i].hash) }
    }
}

extension ByteStringTable {
    /// `value(for:)` with a string key.
    public func value(for key: some StringProtocol) -> Value? {
        key.withUTF8Bytes { value(for: $0) }
    }

    /// `insert(_:_:merge:)` with a string key.
    public mutating func insert(_ key: some StringProtocol, _ value: Value,
                                merge: (Value, Value) -> Value = { _, new in new }) {
        key.withUTF8Bytes { insert($0, value, merge: merge) }
    }
}
