import Matching

extension Ruleset {
    /// Compiles a validated directory without running its examples (`testExamples()` does that).
    public init(compiling source: RuleDirectory) {
        var literals: [[UInt8]] = []
        var index: [[UInt8]: Int] = [:]
        var owners: [[LiteralOwner]] = []
        func add(_ bytes: [UInt8], _ rule: Int, _ role: LiteralOwner.Role) {
            guard !bytes.isEmpty else { return }
            let id: Int
            if let known = index[bytes] { id = known } else {
                id = literals.count
                index[bytes] = id
                literals.append(bytes)
                owners.append([])
            }
            let owner = LiteralOwner(rule: Int32(rule), role: role)
            if !owners[id].contains(where: { $0.rule == owner.rule && $0.role == owner.role }) { owners[id].append(owner) }
        }
        var compiled: [CompiledRule] = []
        var linkRules: [Int] = [], capsRules: [Int] = [], patternRules: [Int] = [], nearRules: [Int] = []
        for (i, rule) in source.rules.enumerated() {
            switch rule.kind {
            case .terms(let terms, let exceptions):
                for t in terms { for v in TermForm.variants(t) { add(v, i, .term) } }
                for x in exceptions { add(TermForm.literal(x), i, .exception) }
                compiled.append(.terms)
            case .pattern(let patterns, let prefilter):
                for p in prefilter { add(TermForm.literal(p), i, .prefilter) }
                // Patterns were compiled once at load to validate them; compiling again is cheap.
                let regexes = patterns.compactMap { try? PCRE2Regex($0) }
                let anchored = regexes.map { Ruleset.anchoredAtPrefilter($0.pattern, prefilter) }
                compiled.append(.pattern(regexes: regexes, anchored: anchored, needsPrefilter: !prefilter.isEmpty))
                patternRules.append(i)
            case .linkDomains(let domains):
                compiled.append(.linkDomains(DomainSet(domains)))
                linkRules.append(i)
            case .linkPolicy(let allow):
                compiled.append(.linkPolicy(DomainSet(source.settings.allowedLinkDomains + allow)))
                linkRules.append(i)
            case .capsRatio(let ratio, let minLetters, let allow):
                compiled.append(.caps(maxRatio: ratio, minLetters: minLetters, allow: CapsAllowList(allow)))
                capsRules.append(i)
            case .near(let first, let second, let within, let exceptions):
                for t in first { for v in TermForm.nearVariants(t) { add(v, i, .nearFirst) } }
                for t in second { for v in TermForm.nearVariants(t) { add(v, i, .nearSecond) } }
                for x in exceptions { add(TermForm.literal(x), i, .exception) }
                compiled.append(.near(within: within))
                nearRules.append(i)
            }
        }
        NormalizedText.prepare()
        self.version = source.version
        self.rules = source.rules
        self.settings = source.settings
        self.overrides = source.overrides
        // A prefilter literal may occur inside a word; every other literal must start one.
        self.automaton = LiteralAutomaton(patterns: literals,
                                          atWordStart: owners.map { !$0.contains { $0.role == .prefilter } })
        self.owners = owners.flatMap { $0 }
        self.ownerStart = owners.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        self.edges = literals.map(TermForm.edges)
        self.compiled = compiled
        self.linkExtractor = LinkExtractor()
        self.linkRules = linkRules
        self.capsRules = capsRules
        self.patternRules = patternRules
        self.nearRules = nearRules
        let patternNeedsPrefilter = patternRules.map { r in
            if case .pattern(_, _, let needsPrefilter) = compiled[r] { return needsPrefilter }
            return false
        }
        self.patternNeedsPrefilter = patternNeedsPrefilter
        self.patternsAlwaysRun = patternNeedsPrefilter.contains(false)
        self.linkSets = linkRules.map { r in
            switch compiled[r] {
            case .linkDomains(let set): return (set, false)
            case .linkPolicy(let set): return (set, true)
            default: return (DomainSet([]), false)
            }
        }
        self.cleanReport = Report(rulesVersion: source.version, findings: [])
        self.cleanResult = .success(cleanReport)
        self.capsLimits = capsRules.map { r in
            if case .caps(let maxRatio, let minLetters, _) = compiled[r] { return CapsLimits(maxRatio: maxRatio, minLetters: minLetters) }
            return CapsLimits(maxRatio: 1, minLetters: .max)
        }
    }

    /// The pattern compiled anchored, when every match of it must begin with one of the
    /// prefilter literals; the check then tries it only where those literals start.
    static func anchoredAtPrefilter(_ pattern: String, _ prefilter: [String]) -> PCRE2Regex? {
        guard !prefilter.isEmpty, let words = PCRE2Regex.leadingWords(of: pattern) else { return nil }
        let literals = prefilter.map { TermForm.literal($0) }
        let covered = words.allSatisfy { word in literals.contains { !$0.isEmpty && Array(word.utf8).starts(with: $0) } }
        return covered ? try? PCRE2Regex(pattern, anchored: true) : nil
    }
}
