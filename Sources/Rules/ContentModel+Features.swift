import Matching

extension Ruleset {
    /// The features a `model` rule reads in `bytes` (a UTF-8 text), as a weights file names them,
    /// each once, in the order found: what `make model` trains on, read exactly as this ruleset's
    /// check reads the text (the same view, and `<link>` where its scan finds a link anchor).
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    public func contentFeatures(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) -> [String] {
        var hits: [LiteralHit] = []
        let counts = automaton.scan(bytes, hits: &hits)
        // The view `report(scanned:)` evaluates: the bytes as they are when folding would change
        // no more than the case of ASCII letters, else the folded text.
        if counts.nonASCII == 0 || UTF8Inertness(bytes) == .inert {
            return ContentTokens.featureNames(of: bytes, mayHaveLink: counts.linkAnchors > 0)
        }
        guard let normalized = NormalizedText(validating: bytes) else {
            throw InvalidUTF8(byteOffset: UTF8Check.firstInvalidByte(bytes) ?? 0)
        }
        return normalized.bytes.withUnsafeBufferPointer { view in
            hits.removeAll()
            return ContentTokens.featureNames(of: view, mayHaveLink: automaton.scan(view, hits: &hits).linkAnchors > 0)
        }
    }
}
