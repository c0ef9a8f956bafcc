import Matching

extension Ruleset {
    /// Compiles a validated directory without running its examples (`testExamples()` does that).
    public init(compiling source: RuleDirectory) {
        var literals: [[UInt8]] = []
        var index: [[UInt8]: Int] = [:]
        var owners: [[LiteralOwner]] = []
        // Whether each literal is only a long form without separators (see `TermForm.longestJoinedInText`).
        var joinedOnly: [Bool] = []
        func add(_ bytes: [UInt8], _ rule: Int, _ role: LiteralOwner.Role, gate: Int = 0, joined: Bool = false) {
            guard !bytes.isEmpty else { return }
            let id: Int
            if let known = index[bytes] { id = known } else {
                id = literals.count
                index[bytes] = id
                literals.append(bytes)
                owners.append([])
                joinedOnly.append(true)
            }
            if !joined || bytes.count <= TermForm.longestJoinedInText { joinedOnly[id] = false }
            let owner = LiteralOwner(rule: Int32(rule), role: role, gate: UInt16(gate))
            if !owners[id].contains(where: { $0.rule == owner.rule && $0.role == owner.role && $0.gate == owner.gate }) {
                owners[id].append(owner)
            }
        }
        func add(_ forms: (inText: [[UInt8]], joined: [UInt8]?), _ rule: Int, _ role: LiteralOwner.Role) {
            for v in forms.inText { add(v, rule, role) }
            if let joined = forms.joined { add(joined, rule, role, joined: true) }
        }
        var compiled: [CompiledRule] = []
        var linkRules: [Int] = [], capsRules: [Int] = [], nearRules: [Int] = []
        var models: [(rule: Int, model: ContentModel)] = []
        var gates: [PatternGate] = []
        for (i, rule) in source.rules.enumerated() {
            switch rule.kind {
            case .terms(let terms, let exceptions):
                for t in terms { add(TermForm.forms(t), i, .term) }
                for x in exceptions { add(TermForm.literal(x), i, .exception) }
                compiled.append(.terms)
            case .pattern(let patterns, let prefilter, let own, let requiresLink):
                for (words, regexes) in Ruleset.gates(patterns, prefilter, own) {
                    precondition(gates.count + 1 <= Int(UInt16.max), "more pattern gates than a literal's owner can name")
                    let split = Ruleset.gateRegexes(regexes, words)
                    let gate = gates.count
                    if !words.isEmpty || !split.search.isEmpty || !split.anchored.isEmpty || !split.atNumbers.isEmpty {
                        for p in words { add(TermForm.literal(p), i, .prefilter, gate: gate) }
                        gates.append(PatternGate(rule: i, anchored: split.anchored, search: split.search, atNumbers: split.atNumbers,
                                                 needsPrefilter: !words.isEmpty, requiresLink: requiresLink))
                    }
                    if let leading = split.leading {
                        for w in leading.words { add(TermForm.literal(w), i, .prefilter, gate: gates.count) }
                        gates.append(PatternGate(rule: i, anchored: leading.regexes, search: [], atNumbers: [], needsPrefilter: true,
                                                 requiresLink: requiresLink, requires: words.isEmpty ? nil : gate))
                    }
                }
                compiled.append(.pattern)
            case .linkDomains:
                compiled.append(.linkDomains)
                linkRules.append(i)
            case .linkPolicy:
                compiled.append(.linkPolicy)
                linkRules.append(i)
            case .capsRatio(let ratio, let minLetters, let allow):
                compiled.append(.caps(maxRatio: ratio, minLetters: minLetters, allow: CapsAllowList(allow)))
                capsRules.append(i)
            case .near(let first, let second, let within, let exceptions):
                for t in first { add(TermForm.forms(t), i, .nearFirst) }
                for t in second { add(TermForm.forms(t), i, .nearSecond) }
                for x in exceptions { add(TermForm.literal(x), i, .exception) }
                compiled.append(.near(within: within))
                nearRules.append(i)
            case .model(let model):
                compiled.append(.model)
                models.append((i, model))
            }
        }
        NormalizedText.prepare()
        self.version = source.version
        self.rules = source.rules
        // Reports order findings by a rule's index for its id (`findings`).
        assert(zip(source.rules, source.rules.dropFirst()).allSatisfy { $0.id <= $1.id }, "rules not sorted by id")
        self.settings = source.settings
        self.overrides = source.overrides
        // A prefilter literal may occur inside a word; every other literal must start one.
        let atWordStart = owners.map { !$0.contains { $0.role == .prefilter } }
        self.automaton = LiteralAutomaton(patterns: literals, atWordStart: atWordStart, survey: DisguiseSurvey.automaton,
                                          including: joinedOnly.map { !$0 })
        // Built after the first, so that the two builds' transient tables are never alive together.
        self.joinedAutomaton = LiteralAutomaton(patterns: literals, atWordStart: atWordStart, including: joinedOnly)
        self.owners = owners.flatMap { $0 }
        self.ownerStart = owners.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
        self.edges = literals.map(TermForm.edges)
        self.termWords = TermWords(literals, owners)
        self.compiled = compiled
        self.linkExtractor = LinkExtractor()
        self.linkRules = linkRules
        self.capsRules = capsRules
        self.nearRules = nearRules
        self.models = models
        self.patternGates = gates
        self.patternsAlwaysRun = gates.contains { !$0.needsPrefilter }
        self.linkSets = linkRules.map { Ruleset.linkSet(source.rules[$0].kind, source.settings) }
        self.cleanReport = Report(rulesVersion: source.version, findings: [])
        self.cleanResult = .success(cleanReport)
        self.capsLimits = capsRules.map { r in
            if case .caps(let maxRatio, let minLetters, _) = compiled[r] { return CapsLimits(maxRatio: maxRatio, minLetters: minLetters) }
            return CapsLimits(maxRatio: 1, minLetters: .max)
        }
    }

    /// A link rule's domains, and whether they are the allowed ones (`link-policy`: the
    /// settings' `allowed_link_domains` and the rule's own) rather than the named ones.
    static func linkSet(_ kind: RuleKind, _ settings: RuleSettings) -> (domains: DomainSet, allowed: Bool) {
        switch kind {
        case .linkDomains(let domains): return (DomainSet(domains), false)
        case .linkPolicy(let allow): return (DomainSet(settings.allowedLinkDomains + allow), true)
        default: return (DomainSet([]), false)
        }
    }

    /// A pattern rule's regexes grouped by the prefilter literals each runs under: its own
    /// (`patternPrefilters`) when it has them, else the rule's; in the order first written.
    static func gates(_ patterns: [String], _ prefilter: [String], _ own: [[String]]) -> [(literals: [String], regexes: [String])] {
        var out: [(literals: [String], regexes: [String])] = []
        for (k, p) in patterns.enumerated() {
            let literals = k < own.count && !own[k].isEmpty ? own[k] : prefilter
            if let g = out.firstIndex(where: { $0.literals == literals }) { out[g].regexes.append(p) } else { out.append((literals, [p])) }
        }
        return out
    }

    /// The regexes a check runs for some patterns of a rule, by where each is tried.
    struct GateRegexes {
        /// Those every match of which begins with a prefilter literal, joined and compiled
        /// anchored: tried only where those literals start.
        var anchored: [PCRE2Regex] = []
        /// Those every match of which begins where a run of digits does
        /// (`PCRE2Regex.startsAtNumber`), joined and compiled anchored: tried only there.
        var atNumbers: [PCRE2Regex] = []
        /// Those every match of which begins with one of their own leading words of at least
        /// `leadingWordBytes` bytes, joined and compiled anchored, with those words (for a gate
        /// of their own).
        var leading: (words: [String], regexes: [PCRE2Regex])?
        /// The others, each searching the text.
        var search: [PCRE2Regex] = []
    }

    /// A rule's patterns as the regexes a check runs (see `GateRegexes`), under `prefilter`.
    static func gateRegexes(_ patterns: [String], _ prefilter: [String]) -> GateRegexes {
        func startsAtPrefilter(_ pattern: String) -> Bool { Ruleset.startsAtPrefilter(pattern, prefilter) }
        func ownWords(_ pattern: String) -> [String]? {
            guard let words = PCRE2Regex.leadingWords(of: pattern),
                  words.allSatisfy({ $0.utf8.count >= leadingWordBytes }) else { return nil }
            return words
        }
        // Patterns run on normalised text, whose only digits are 0-9. Searches run one by one,
        // each with PCRE2's skip to where it may start; anchored ones are joined, for one
        // attempt per start.
        func fast(_ pattern: String) -> String {
            let rewritten = PCRE2Regex.asciiDigits(pattern)
            return rewritten == pattern || (try? PCRE2Regex(rewritten)) == nil ? pattern : rewritten
        }
        do throws(PCRE2Error) {
            var out = GateRegexes()
            var led: [String] = [], words: [String] = [], numbers: [String] = []
            for p in patterns where !startsAtPrefilter(p) {
                if PCRE2Regex.startsAtNumber(p) {
                    numbers.append(p)
                } else if let own = ownWords(p) {
                    led.append(p)
                    for w in own where !words.contains(w) { words.append(w) }
                } else {
                    out.search.append(try PCRE2Regex(fast(p)))
                }
            }
            out.anchored = try PCRE2Regex.joined(patterns.filter(startsAtPrefilter).map(fast), anchored: true)
            out.atNumbers = try PCRE2Regex.joined(numbers.map(fast), anchored: true)
            if !led.isEmpty { out.leading = (words, try PCRE2Regex.joined(led.map(fast), anchored: true)) }
            return out
        } catch {
            // Every pattern compiled when the rule was read, or the rule would not have loaded.
            preconditionFailure("a pattern that compiled at load does not compile again: \(error)")
        }
    }

    /// The shortest leading word a regex is anchored on: a shorter one (`in`, `te`) starts
    /// inside most words, where an attempt per occurrence costs more than one search.
    static let leadingWordBytes = 3

    /// Whether every match of `pattern` must begin with one of the prefilter literals, so that
    /// the check need try it only where those literals start.
    static func startsAtPrefilter(_ pattern: String, _ prefilter: [String]) -> Bool {
        guard !prefilter.isEmpty, let words = PCRE2Regex.leadingWords(of: pattern) else { return false }
        let literals = prefilter.map { TermForm.literal($0) }
        return words.allSatisfy { word in literals.contains { !$0.isEmpty && Array(word.utf8).starts(with: $0) } }
    }
}
