import Matching

extension Ruleset {
    /// The most findings of one rule a report lists; the rest are counted in `Report.omitted`.
    /// It keeps a report (and the work of building it) bounded by the rules, not the text.
    public static let findingsPerRule = 100

    /// Checks one message against every rule, as it would go out on `channel`.
    public func check(_ text: String, channel: Channel = .sms) -> Report {
        check(text, channel: channel, allowing: nil)
    }

    /// Checks one message as `check(_:channel:)` does, with links to `extra` allowed as well:
    /// the same report as `allowing(domains:)` would give, without compiling the rules again.
    public func check(_ text: String, channel: Channel = .sms, allowing extra: AllowedDomains?) -> Report {
        var copy = text
        let extra = extra?.isEmpty == false ? extra : nil
        return copy.withUTF8 { bytes in
            do throws(InvalidUTF8) {
                var hits: [LiteralHit] = []
                let counts = automaton.scan(bytes, hits: &hits)
                var scratch = CheckScratch()
                return try report(scanned: bytes, counts, hits[...], &scratch, channel: channel, allowing: extra) ?? cleanReport
            } catch {
                // A Swift string is always valid UTF-8.
                preconditionFailure("a String held invalid UTF-8: \(error)")
            }
        }
    }

    /// Checks one message given as UTF-8 bytes, without copying it into a `String`.
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    public func check(utf8 bytes: UnsafeBufferPointer<UInt8>, channel: Channel = .sms) throws(InvalidUTF8) -> Report {
        var hits: [LiteralHit] = []
        let counts = automaton.scan(bytes, hits: &hits)
        var scratch = CheckScratch()
        return try report(scanned: bytes, counts, hits[...], &scratch, channel: channel) ?? cleanReport
    }

    /// The report of a message from a scan of its bytes as they are, or nil when it has no
    /// findings (its report is `cleanReport`). That scan is what the
    /// matcher sees for pure ASCII text, and for text that normalisation would change only in
    /// the case of ASCII letters (which the automaton folds itself); any other text, or text
    /// that is not UTF-8, goes through the normalising path instead.
    func report(scanned bytes: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts, _ hits: ArraySlice<LiteralHit>,
                _ scratch: inout CheckScratch, channel: Channel = .sms,
                allowing extra: AllowedDomains? = nil) throws(InvalidUTF8) -> Report? {
        let report: Report?
        var inert = false
        if !Ruleset.scansAsWritten(bytes, counts) {
            report = try checkNormalizing(utf8: bytes, &scratch, allowing: extra)
        } else {
            inert = counts.nonASCII > 0
            report = evaluate(view: bytes, counts: counts, hits: hits,
                              original: OriginalText(bytes: bytes, normalized: nil, inert: inert, counts: counts), &scratch,
                              allowing: extra)
        }
        return withControls(report, bytes, channel, counts)
    }

    /// Whether a check scans `bytes` as they are: pure ASCII, or text that normalisation would
    /// change only in the case of ASCII letters (which the automaton folds itself). Any other
    /// text is scanned in its normalised form (`normalized(_:)`).
    static func scansAsWritten(_ bytes: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts) -> Bool {
        counts.nonASCII == 0 || UTF8Inertness(bytes) == .inert
    }

    /// The normalised form of `bytes`, which a check scans when it cannot scan them as they are.
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) -> NormalizedText {
        guard let normalized = NormalizedText(validating: bytes) else {
            throw InvalidUTF8(byteOffset: UTF8Check.firstInvalidByte(bytes) ?? 0)
        }
        return normalized
    }

    /// `report` with the control characters of `bytes` added (the built-in check of every path).
    /// Unrendered placeholders are added too (`UnrenderedPlaceholders`).
    /// `counts` are those of `bytes`: the scan's counts decide most messages without another pass.
    func withControls(_ report: Report?, _ bytes: UnsafeBufferPointer<UInt8>, _ channel: Channel,
                      _ counts: ByteCounts) -> Report? {
        var report = report
        if counts.braces > 0 || UnrenderedPlaceholders.hasDoubleParenthesis(bytes) {
            let unrendered = UnrenderedPlaceholders.findings(bytes)
            if !unrendered.isEmpty { report = (report ?? cleanReport).adding(unrendered) }
        }
        guard counts.controls > 0 || (counts.nonASCII > 0 && ControlCharacters.mayHaveOutsideASCII(bytes)) else { return report }
        let controls = ControlCharacters.findings(bytes, channel: channel)
        guard !controls.isEmpty else { return report }
        return (report ?? cleanReport).adding(controls)
    }

    /// The full path for text with non-ASCII bytes: validated and normalised in one pass, then
    /// the normalised text is scanned. It gives any text its report; `report(scanned:)` takes it
    /// only for text it cannot scan as it is, and its shortcut must agree with it.
    func checkNormalizing(utf8 bytes: UnsafeBufferPointer<UInt8>, channel: Channel = .sms) throws(InvalidUTF8) -> Report {
        var scratch = CheckScratch()
        return withControls(try checkNormalizing(utf8: bytes, &scratch), bytes, channel, ByteCounts(counting: bytes)) ?? cleanReport
    }

    /// `checkNormalizing(utf8:)` with buffers kept from an earlier check; nil for no findings.
    func checkNormalizing(utf8 bytes: UnsafeBufferPointer<UInt8>, _ scratch: inout CheckScratch,
                          allowing extra: AllowedDomains? = nil) throws(InvalidUTF8) -> Report? {
        let normalized = try Ruleset.normalized(bytes)
        let counts = ByteCounts(counting: bytes)
        return normalized.bytes.withUnsafeBufferPointer { view in
            var hits: [LiteralHit] = []
            let viewCounts = automaton.scan(view, hits: &hits)
            return evaluate(view: view, counts: viewCounts, hits: hits[...],
                            original: OriginalText(bytes: bytes, normalized: normalized, inert: false, counts: counts), &scratch,
                            allowing: extra)
        }
    }

    /// Checks two messages in one interleaved pass (faster than two calls); each result is
    /// exactly what `check(utf8:)` gives for that message.
    public func check(utf8 a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
        -> (Result<Report, InvalidUTF8>, Result<Report, InvalidUTF8>) {
        var results: [Result<Report, InvalidUTF8>] = []
        check(batch: 2, message: { $0 == 0 ? a : b }) { _, result in results.append(result) }
        return (results[0], results[1])
    }
}
