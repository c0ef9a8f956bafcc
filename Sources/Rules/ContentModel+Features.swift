import Matching

extension Ruleset {
    /// The features a `model` rule reads in `bytes` (a UTF-8 text), as a weights file names them,
    /// each once, in the order found: what `make model` trains on, read exactly as this ruleset's
    /// check reads the text (the same view, and `<link>` where its scan finds a link anchor).
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    public func contentFeatures(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) -> [String] {
        var hits: [LiteralHit] = []
        let counts = automaton.scan(bytes, hits: &hits)
        // The view `report(scanned:)` evaluates.
        if Ruleset.scansAsWritten(bytes, counts) {
            return ContentTokens.featureNames(of: bytes, mayHaveLink: counts.linkAnchors > 0)
        }
        return try Ruleset.normalized(bytes).bytes.withUnsafeBufferPointer { view in
            hits.removeAll()
            return ContentTokens.featureNames(of: view, mayHaveLink: automaton.scan(view, hits: &hits).linkAnchors > 0)
        }
    }
}
