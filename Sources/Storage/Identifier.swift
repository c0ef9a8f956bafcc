import Foundation
import Synchronization

/// Prefixed identifiers (`msg_018f3a…`) that sort in the order they were made: 12 hex digits of
/// time (milliseconds, with a counter for ids made in the same millisecond) and 12 random hex
/// digits from the system's secure generator. Lists ordered by (time, id) then keep the order
/// things happened in, even within one millisecond.
public enum Identifier {
    private static let last = Atomic<UInt64>(0)
    /// Random words from the system's secure generator, read 4 KiB at a time: one system call
    /// per 512 ids, where one per id was a measurable part of a `/v1/check` request.
    private static let randomWords = Mutex(RandomWords())

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
        let random = randomWords.withLock { $0.take() } & 0xFFFF_FFFF_FFFF
        var out = [UInt8](prefix.utf8)
        out.reserveCapacity(out.count + 25)
        out.append(UInt8(ascii: "_"))
        Hex.append(current, digits: 12, to: &out)
        Hex.append(random, digits: 12, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Words from the system's secure generator, read in bulk and each handed out once.
private struct RandomWords: ~Copyable {
    private var words = [UInt64](repeating: 0, count: 512)
    private var next = 512

    /// The next unused word, refilling the buffer when all have been used.
    mutating func take() -> UInt64 {
        if next == words.count {
            words.withUnsafeMutableBytes(RandomWords.fill)
            next = 0
        }
        defer { next += 1 }
        return words[next]
    }

    /// Fills `buffer` from the system's secure generator (`getrandom` on Linux).
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        arc4random_buf(buffer.baseAddress!, buffer.count)
    }
}
