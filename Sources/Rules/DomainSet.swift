/// Domains with their subdomains: `bit.ly` contains `bit.ly` and `x.bit.ly`, not `notbit.ly`.
///
/// Looked up once per suffix of every link's host, so the domains sit in an open-addressed
/// table of their bytes: a lookup hashes the suffix in place, with no string made.
struct DomainSet: Sendable {
    private let domains: [[UInt8]]
    /// Index into `domains` plus one; 0 is an empty slot.
    private let slots: [Int32]
    private let mask: Int

    init(_ domains: [String]) {
        let unique = Array(Set(domains.map { Array($0.utf8) }))
        var size = 16
        while size < unique.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (i, d) in unique.enumerated() {
            var s = DomainSet.hash(d[...]) & (size - 1)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(i + 1)
        }
        self.domains = unique
        self.slots = slots
        self.mask = size - 1
    }

    /// FNV-1a over the bytes.
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Whether a canonical host is one of the domains or a subdomain of one.
    func contains(host: String) -> Bool {
        var host = host
        return host.withUTF8 { bytes in
            var start = 0
            while true {
                if containsExactly(UnsafeBufferPointer(rebasing: bytes[start...])) { return true }
                guard let dot = bytes[start...].firstIndex(of: 0x2E) else { return false }
                start = dot + 1
            }
        }
    }

    /// Whether `name` is one of the domains itself.
    private func containsExactly(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = DomainSet.hash(name) & mask
        while true {
            let i = Int(slots[s])
            if i == 0 { return false }
            if domains[i - 1].elementsEqual(name) { return true }
            s = (s + 1) & mask
        }
    }
}
