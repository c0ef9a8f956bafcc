import Matching

extension Ruleset {
    /// Messages per group of a batch check: a group's scan results stay in cache until evaluated.
    static let batchGroup = 1024

    /// Checks `count` messages, scanning them two at a time across the whole batch, which is
    /// faster than a call per message. Each result is exactly what `check(utf8:)` gives.
    ///
    /// - Parameters:
    ///   - message: The `i`th message as UTF-8 bytes; called once per message, in order.
    ///   - report: Called with each message's index and result, in order.
    public func check(batch count: Int, message: (Int) -> UnsafeBufferPointer<UInt8>,
                      report: (Int, Result<Report, InvalidUTF8>) -> Void) {
        let group = min(Ruleset.batchGroup, max(count, 0))
        var texts = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: group)
        var results = [BatchResult](repeating: BatchResult(), count: group)
        var hits: [LiteralHit] = []
        var first = 0
        while first < count {
            let n = min(group, count - first)
            for i in 0..<n { texts[i] = message(first + i) }
            hits.removeAll(keepingCapacity: true)
            texts.withUnsafeBufferPointer { t in
                results.withUnsafeMutableBufferPointer { r in
                    automaton.scan(batch: UnsafeBufferPointer(rebasing: t[0..<n]), results: r, hits: &hits)
                }
            }
            for i in 0..<n {
                let bytes = texts[i]
                let counts = results[i].counts
                // Text is scanned as it is unless normalising would change it: then (or when it
                // is not UTF-8) the full path takes it, and the batch's scan of it is not used.
                var inert = false
                if counts.nonASCII > 0 {
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
                let own = results[i].hits.isEmpty ? [] : Array(hits[results[i].hits])
                let original = OriginalText(bytes: bytes, normalized: nil, inert: inert, counts: counts)
                report(first + i, .success(evaluate(view: bytes, counts: counts, hits: own, original: original)))
            }
            first += n
        }
    }
}
