import Matching

extension Ruleset {
    /// The report of a scanned message, or nil when it has no findings.
    func evaluate(view: UnsafeBufferPointer<UInt8>, counts: ByteCounts, hits: ArraySlice<LiteralHit>,
                  original: OriginalText, _ scratch: inout CheckScratch, allowing extra: AllowedDomains? = nil) -> Report? {
        let mayHaveLink = counts.linkAnchors > 0
        // Terms written in disguise, found in views of the text (most messages need none).
        let disguised = disguisedTerms(view, counts)
        // The `model` rules whose models score the text above their thresholds (most: none).
        var modelled: [Int] = []
        for (k, m) in models.enumerated()
        where m.model.score(view, mayHaveLink: mayHaveLink) > m.model.threshold {
            modelled.append(k)
        }
        // Most messages: no literal, no link, no placeholder, no regex to run, no model's
        // finding, and capitals that the counts alone show are not shouting.
        if hits.isEmpty && disguised.isEmpty && !mayHaveLink && counts.braces == 0 && !patternsAlwaysRun
            && modelled.isEmpty && capsLimits.allSatisfy({ !Ruleset.mayShout(original, $0) }) {
            return nil
        }
        scratch.clear()
        for k in modelled {
            scratch.spans.append(RuleSpan(rule: models[k].rule, range: models[k].model.strongest(view, mayHaveLink: mayHaveLink)))
        }
        var incomplete: [String] = []
        if !hits.isEmpty { resolveLiterals(view, hits, &scratch) }
        if !disguised.isEmpty { Ruleset.add(disguised: disguised, to: &scratch.spans) }
        if patternsAlwaysRun || !scratch.prefiltered.isEmpty {
            runPatterns(view, mayHaveLink: mayHaveLink, &scratch, &incomplete)
        }
        var links: [LinkMatch] = []
        if mayHaveLink, !linkRules.isEmpty || !capsRules.isEmpty {
            // Inert text is scanned with its capitals, where normalised text has none: links are
            // found as they would be in its normalised form.
            links = linkExtractor.links(in: view, asIfLowercased: original.inert)
        }
        if !links.isEmpty {
            // Read in place: a copied domain set would retain each of its arrays, per link.
            linkSets.withUnsafeBufferPointer { sets in
                for link in links {
                    // A link a `link-domains` rule names (a shortener) is reported once, by that
                    // rule, not again as merely off-domain.
                    var named = false
                    for (k, r) in linkRules.enumerated() where !sets[k].allowed && sets[k].domains.contains(host: link.host) {
                        scratch.spans.append(RuleSpan(rule: r, range: link.range))
                        named = true
                    }
                    guard !named else { continue }
                    // Allowed only when the host the browser opens is: a look-alike of an
                    // allowed host reads as that host in the folded text, but opens another site.
                    let opened = original.normalized.map { linkExtractor.browserHost(of: link, in: $0, original: original.bytes) }
                    // A `link-policy` rule also allows the check's extra domains, if any.
                    func allowed(_ k: Int, _ host: String) -> Bool {
                        sets[k].domains.contains(host: host) || extra?.contains(host: host) == true
                    }
                    for (k, r) in linkRules.enumerated() where sets[k].allowed && !(allowed(k, link.host)
                        && opened.map({ allowed(k, $0) }) ?? true) {
                        scratch.spans.append(RuleSpan(rule: r, range: link.range))
                    }
                }
            }
        }
        if !capsRules.isEmpty { checkCaps(view, counts, links, original, into: &scratch.spans) }
        guard !scratch.spans.isEmpty || !incomplete.isEmpty else { return nil }
        var omitted: [String: Int] = [:]
        let found = findings(&scratch.spans, ScalarMap(original), omitted: &omitted)
        return Report(rulesVersion: version, findings: found, incomplete: incomplete,
                      incompleteSeverity: incompleteSeverity(incomplete), omitted: omitted)
    }

    /// The worst severity of the rules named (those that could not finish).
    func incompleteSeverity(_ ids: [String]) -> Severity {
        var worst = Severity.info
        for id in ids { if let r = rules.first(where: { $0.id == id }), r.severity > worst { worst = r.severity } }
        return worst
    }

    /// The findings of `spans`, which are sorted and rid of repeats in place; past
    /// `Ruleset.findingsPerRule` of one rule, the rest are counted in `omitted` instead.
    private func findings(_ unique: inout [RuleSpan], _ original: ScalarMap, omitted: inout [String: Int]) -> [Finding] {
        // The same span can come twice (two literals of one rule); a few spans: sort, not hash.
        unique.sort { ($0.rule, $0.range.lowerBound, $0.range.upperBound) < ($1.rule, $1.range.lowerBound, $1.range.upperBound) }
        var w = 0, run = 0
        var previous: RuleSpan? = nil
        for i in unique.indices {
            let span = unique[i]
            if span == previous { continue }
            run = previous?.rule == span.rule ? run + 1 : 1
            previous = span
            if run > Ruleset.findingsPerRule {
                omitted[rules[span.rule].id, default: 0] += 1
                continue
            }
            unique[w] = span
            w += 1
        }
        unique.removeLast(unique.count - w)
        let scalars = unique.map { original.scalars($0.range) }
        let places = original.places(scalars)
        // Findings go out by start, rule id and end. Rules are sorted by id, so the rule's index
        // stands for its id: integers are compared, and no finding is moved once built.
        var order = Array(unique.indices)
        if order.count > 1 {
            order.sort { (scalars[$0].lowerBound, unique[$0].rule, scalars[$0].upperBound)
                < (scalars[$1].lowerBound, unique[$1].rule, scalars[$1].upperBound) }
        }
        var out: [Finding] = []
        out.reserveCapacity(unique.count)
        for k in order {
            // Fields are read one by one: copying the whole rule would retain all of its parts.
            let r = unique[k].rule
            let place = places[k]
            out.append(Finding(rule: rules[r].id, category: rules[r].category, severity: rules[r].severity,
                               message: rules[r].message, match: original.text(scalars[k]), start: scalars[k].lowerBound,
                               end: scalars[k].upperBound, line: place.line, column: place.column, endLine: place.endLine,
                               endColumn: place.endColumn, suggestion: rules[r].suggestion))
        }
        return out
    }
}
