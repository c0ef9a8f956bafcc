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
        var scratch = CheckScratch()
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
                do throws(InvalidUTF8) {
                    if let outcome = try self.report(scanned: texts[i], results[i].counts, hits[results[i].hits], &scratch) {
                        report(first + i, .success(outcome))
                    } else {
                        // Handed on as kept: no report is built or copied for a clean message.
                        report(first + i, cleanResult)
                    }
                } catch {
                    report(first + i, .failure(error))
                }
            }
            first += n
        }
    }
}
