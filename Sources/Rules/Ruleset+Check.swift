import Matching

extension Ruleset {
    /// Checks one message against every rule.
    public func check(_ text: String) -> Report {
        var copy = text
        return copy.withUTF8 { bytes in
            // A Swift string is always valid UTF-8, so this cannot throw.
            (try? check(utf8: bytes)) ?? Report(rulesVersion: version, findings: [])
        }
    }

    /// Checks one message given as UTF-8 bytes, without copying it into a `String`.
    /// - Throws: `InvalidUTF8` when the bytes are not valid UTF-8.
    public func check(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(InvalidUTF8) -> Report {
        // Text with non-ASCII bytes is scanned in its normalised form only.
        guard ByteCounts.isASCII(bytes) else { return try checkNormalized(bytes, counts: ByteCounts(counting: bytes)) }
        var hits: [LiteralHit] = []
        let counts = automaton.scan(bytes, hits: &hits)
        return evaluate(view: bytes, counts: counts, hits: hits, original: OriginalText(bytes: bytes, normalized: nil, counts: counts))
    }

    /// Text with non-ASCII bytes: validated and normalised in one pass, then the normalised
    /// text is scanned. `counts` are the original bytes' counts from the first scan.
    private func checkNormalized(_ bytes: UnsafeBufferPointer<UInt8>, counts: ByteCounts) throws(InvalidUTF8) -> Report {
        guard let normalized = NormalizedText(validating: bytes) else {
            throw InvalidUTF8(byteOffset: UTF8Check.firstInvalidByte(bytes) ?? 0)
        }
        return normalized.bytes.withUnsafeBufferPointer { view in
            var hits: [LiteralHit] = []
            let viewCounts = automaton.scan(view, hits: &hits)
            return evaluate(view: view, counts: viewCounts, hits: hits,
                            original: OriginalText(bytes: bytes, normalized: normalized, counts: counts))
        }
    }

    /// Checks two messages in one interleaved pass (faster than two calls); each result is
    /// exactly what `check(utf8:)` gives for that message.
    public func check(utf8 a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
        -> (Result<Report, InvalidUTF8>, Result<Report, InvalidUTF8>) {
        // Text with non-ASCII bytes is scanned in its normalised form only: pair the rest.
        let asciiA = ByteCounts.isASCII(a), asciiB = ByteCounts.isASCII(b)
        guard asciiA && asciiB else {
            func one(_ m: UnsafeBufferPointer<UInt8>, _ ascii: Bool) -> Result<Report, InvalidUTF8> {
                do throws(InvalidUTF8) {
                    return .success(ascii ? try check(utf8: m) : try checkNormalized(m, counts: ByteCounts(counting: m)))
                } catch { return .failure(error) }
            }
            return (one(a, asciiA), one(b, asciiB))
        }
        var hitsA: [LiteralHit] = [], hitsB: [LiteralHit] = []
        let (countsA, countsB) = automaton.scan(a, b, hits: &hitsA, &hitsB)
        func finish(_ bytes: UnsafeBufferPointer<UInt8>, _ counts: ByteCounts, _ hits: [LiteralHit]) -> Result<Report, InvalidUTF8> {
            .success(evaluate(view: bytes, counts: counts, hits: hits, original: OriginalText(bytes: bytes, normalized: nil, counts: counts)))
        }
        return (finish(a, countsA, hitsA), finish(b, countsB, hitsB))
    }

    func evaluate(view: UnsafeBufferPointer<UInt8>, counts: ByteCounts, hits: [LiteralHit],
                          original: OriginalText) -> Report {
        var spans: [RuleSpan] = []
        var prefiltered: [Int] = []
        var incomplete: [String] = []
        if !hits.isEmpty { resolveLiterals(view, hits, into: &spans, prefiltered: &prefiltered) }
        for r in patternRules {
            guard case .pattern(let regexes, let needsPrefilter) = compiled[r] else { continue }
            if needsPrefilter && !prefiltered.contains(r) { continue }
            for regex in regexes {
                do throws(PCRE2Error) {
                    for m in try regex.matches(in: view) where !m.isEmpty { spans.append(RuleSpan(rule: r, range: m)) }
                } catch {
                    incomplete.append(rules[r].id)
                }
            }
        }
        var links: [LinkMatch] = []
        if counts.linkAnchors > 0, !linkRules.isEmpty || !capsRules.isEmpty { links = linkExtractor.links(in: view) }
        for link in links {
            // A link a `link-domains` rule names (a shortener) is reported once, by that rule,
            // not again as merely off-domain.
            var named = false
            for r in linkRules {
                if case .linkDomains(let set) = compiled[r], set.contains(host: link.host) {
                    spans.append(RuleSpan(rule: r, range: link.range))
                    named = true
                }
            }
            guard !named else { continue }
            for r in linkRules {
                if case .linkPolicy(let set) = compiled[r], !set.contains(host: link.host) {
                    spans.append(RuleSpan(rule: r, range: link.range))
                }
            }
        }
        if !capsRules.isEmpty { checkCaps(view, counts, links, original, into: &spans) }
        guard !spans.isEmpty || !incomplete.isEmpty else { return Report(rulesVersion: version, findings: []) }
        return Report(rulesVersion: version, findings: findings(spans, original), incomplete: incomplete)
    }

    private func findings(_ spans: [RuleSpan], _ original: OriginalText) -> [Finding] {
        var seen: Set<RuleSpan> = []
        var out: [Finding] = []
        for span in spans where seen.insert(span).inserted {
            let rule = rules[span.rule]
            let scalars = original.scalars(span.range)
            let place = original.place(scalars)
            out.append(Finding(rule: rule.id, category: rule.category, severity: rule.severity, message: rule.message,
                               match: original.text(scalars), start: scalars.lowerBound, end: scalars.upperBound,
                               line: place.line, column: place.column, endLine: place.endLine,
                               endColumn: place.endColumn, suggestion: rule.suggestion))
        }
        return out.sorted { ($0.start, $0.rule, $0.end) < ($1.start, $1.rule, $1.end) }
    }
}

/// A rule's match, in byte offsets of the scanned (possibly normalised) text.
struct RuleSpan: Hashable, Sendable {
    var rule: Int
    var range: Range<Int>
}

/// UTF-8 validation that says where the text goes wrong.
enum UTF8Check {
    /// The offset of the first byte of an invalid sequence, or nil when all is valid.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
