import Matching

extension Ruleset {
    /// Messages per group of a batch check: a group's scan results stay in cache until evaluated.
    static let batchGroup = 64

    /// Checks `count` messages, scanning them two at a time across the whole batch, which is
    /// faster than a call per message. Each result is exactly what `check(utf8:)` gives.
    ///
    /// - Parameters:
    ///   - message: The `i`th message as UTF-8 bytes; may be called more than once per message.
    ///   - report: Called with each message's index and result, in order.
    public func check(batch count: Int, message: (Int) -> UnsafeBufferPointer<UInt8>,
                      report: (Int, Result<Report, InvalidUTF8>) -> Void) {
        var counts = [ByteCounts](repeating: ByteCounts(), count: Ruleset.batchGroup)
        var hitRanges = [Range<Int>](repeating: 0..<0, count: Ruleset.batchGroup)
        var hits: [LiteralHit] = []
        var first = 0
        while first < count {
            let n = min(Ruleset.batchGroup, count - first)
            hits.removeAll(keepingCapacity: true)
            automaton.scan(batch: n, text: { message(first + $0) }) { i, c, h in
                counts[i] = c
                hitRanges[i] = hits.count..<(hits.count + h.count)
                hits += h
            }
            for i in 0..<n {
                let bytes = message(first + i)
                // Text is scanned as it is unless normalising would change it: then (or when it
                // is not UTF-8) the full path takes it, and the batch's scan of it is not used.
                var inert = false
                if counts[i].nonASCII > 0 {
                    guard UTF8Inertness(bytes) == .inert else {
                        do throws(InvalidUTF8) {
                            report(first + i, .success(try checkNormalizing(utf8: bytes)))
                        } catch {
                            report(first + i, .failure(error))
                        }
                        continue
                    }
                    inert = true
                }
                let own = hitRanges[i].isEmpty ? [] : Array(hits[hitRanges[i]])
                let original = OriginalText(bytes: bytes, normalized: nil, inert: inert, counts: counts[i])
                report(first + i, .success(evaluate(view: bytes, counts: counts[i], hits: own, original: original)))
            }
            first += n
        }
    }
}
