import Foundation
import Synchronization

/// Prefixed identifiers (`msg_018f3a…`) that sort in the order they were made: 12 hex digits of
/// time (milliseconds, with a counter for ids made in the same millisecond) and 12 random hex
/// digits from the system's secure generator. Lists ordered by (time, id) then keep the order
/// things happened in, even within one millisecond.
public enum Identifier {
    private static let last = Atomic<UInt64>(0)

    /// `prefix_`, 12 hex digits that grow with every id this process makes, 12 random ones.
    public static func make(_ prefix: String) -> String {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000)) << 6
        var current = last.load(ordering: .relaxed)
        while true {
            let next = max(now, current &+ 1)
            let (exchanged, original) = last.compareExchange(expected: current, desired: next, ordering: .relaxed)
            if exchanged { current = next; break }
            current = original
        }
        var g = SystemRandomNumberGenerator()
        let random = (g.next() as UInt64) & 0xFFFF_FFFF_FFFF
        var out = [UInt8](prefix.utf8)
        out.reserveCapacity(out.count + 25)
        out.append(UInt8(ascii: "_"))
        Hex.append(current, digits: 12, to: &out)
        Hex.append(random, digits: 12, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
