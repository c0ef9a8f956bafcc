import Matching

/// A rules directory compiled into one matcher: every literal of every rule in one automaton
/// (but the long forms without separators, which only the views that join letters written apart
/// need), links found once, capitals counted in the same pass, PCRE2 only where a rule has a regex.
///
/// A `Ruleset` is immutable and `Sendable`: load it once and check from any number of threads.
/// `check` does no I/O.
public struct Ruleset: Sendable {
    /// The rules directory's content hash, reported with every result.
    public let version: String
    /// The rules, sorted by id.
    public let rules: [Rule]
    /// The directory's settings, including domains added with `allowing(domains:)`.
    public internal(set) var settings: RuleSettings
    /// The overrides applied, in order, each with where it was written.
    public let overrides: [Override]

    let automaton: LiteralAutomaton
    /// The long forms without separators (`TermForm.longestJoinedInText`), over the same list
    /// of literals: scanned only in the views that join letters written apart.
    let joinedAutomaton: LiteralAutomaton
    /// The rules that listed each literal and in which role, flat so that reading them copies
    /// no array: literal `l`'s are `owners[ownerStart[l] ..< ownerStart[l + 1]]`.
    let owners: [LiteralOwner]
    /// Where each literal's owners start in `owners`, and one entry for the end.
    let ownerStart: [Int32]
    /// For each literal: does it start / end with a word character (so needs a boundary there).
    let edges: [UInt8]
    /// The words of the `terms` and `near` rules' literals: what lets most stand-in views go unscanned.
    let termWords: TermWords
    let compiled: [CompiledRule]
    let linkExtractor: LinkExtractor
    let linkRules: [Int]
    let capsRules: [Int]
    let nearRules: [Int]
    /// The `model` rules, with their models: each scores every message.
    let models: [(rule: Int, model: ContentModel)]
    /// The pattern rules' regexes, grouped by the prefilter literals they run under.
    let patternGates: [PatternGate]
    /// The limits of each of `capsRules`, read on every message, so kept apart from the allow-list.
    let capsLimits: [CapsLimits]
    /// For each of `linkRules`: its domains, and whether they are the allowed ones (`link-policy`)
    /// rather than the named ones (`link-domains`).
    var linkSets: [(domains: DomainSet, allowed: Bool)]
    /// Whether a pattern has no prefilter, so its regex runs on every message.
    let patternsAlwaysRun: Bool
    /// The report of a message with no findings.
    let cleanReport: Report
    /// `cleanReport` as a batch check's result, made once, so that a clean message's result
    /// is handed on without being built or copied.
    let cleanResult: Result<Report, InvalidUTF8>

    /// Reads, validates, compiles and self-tests the rules in `directory`.
    ///
    /// Every file is validated and every rule's examples are run; any problem anywhere fails
    /// the whole load, so a check never runs on a half-valid rule set.
    /// - Throws: `RulesError` listing every problem as `path:line:col`.
    public static func load(directory: String) throws(RulesError) -> Ruleset {
        try load(.directory(directory))
    }

    /// Reads, validates, compiles and self-tests the rules of `source`, with `overrides` (from a
    /// configuration file or the server settings, each with its origin) applied after the
    /// ruleset's own. Overrides are part of the version.
    /// - Throws: `RulesError` listing every problem, including each override that matches no
    ///   rule or disables or lowers a rule marked `suppressible: false`.
    public static func load(_ source: RuleSource, overrides: [Override] = []) throws(RulesError) -> Ruleset {
        var (directory, problems) = try RuleDirectory.scan(source)
        if problems.isEmpty {
            do throws(RulesError) { directory = try directory.applying(overrides) } catch { problems += error.diagnostics }
        }
        let ruleset = Ruleset(compiling: directory)
        let all = problems + ruleset.testExamples().map(\.diagnostic)
        guard all.isEmpty else {
            throw .invalid(all.sorted { ($0.location.path, $0.location.line, $0.location.column) < ($1.location.path, $1.location.line, $1.location.column) })
        }
        return ruleset
    }

    /// The same rules with more domains allowed for links (`--allow-domain`). Only the
    /// `link-policy` rules' domain sets are made again: the matcher does not depend on them.
    public func allowing(domains: [String]) -> Ruleset {
        guard !domains.isEmpty else { return self }
        var copy = self
        copy.settings.allowedLinkDomains += domains.map { HostName.canonical(Substring($0)) }
        copy.linkSets = linkRules.map { Ruleset.linkSet(rules[$0].kind, copy.settings) }
        return copy
    }

    /// The size of the compiled matcher: literals, automaton states and byte classes of the scan
    /// every message takes, and literals and states of the one for joined views.
    public var matcherStatistics: (literals: Int, states: Int, classes: Int, joinedLiterals: Int, joinedStates: Int) {
        (automaton.includedCount, automaton.stateCount, automaton.classCount, joinedAutomaton.includedCount,
         joinedAutomaton.stateCount)
    }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
}

/// A literal's role in one rule.
struct LiteralOwner: Sendable {
    enum Role: UInt8, Sendable { case term, exception, nearFirst, nearSecond, prefilter }
    var rule: Int32
    var role: Role
    /// For a `prefilter` literal, the index in `Ruleset.patternGates` of the regexes it lets run.
    var gate: UInt16 = 0
}

/// The numbers of a `caps-ratio` rule that decide most messages from the scan's counts.
struct CapsLimits: Sendable {
    var maxRatio: Double
    var minLetters: Int
}

/// A rule's compiled matching data.
enum CompiledRule: Sendable {
    case terms
    /// Its regexes are in `Ruleset.patternGates`.
    case pattern
    /// Its domains are in `Ruleset.linkSets`, as are those of `linkPolicy`.
    case linkDomains
    case linkPolicy
    case caps(maxRatio: Double, minLetters: Int, allow: CapsAllowList)
    case near(within: Int)
    /// Its model is in `Ruleset.models`.
    case model
}

/// The regexes of one pattern rule that run under the same prefilter literals: only when one
/// of those occurs in the text, or on every text when there are none.
///
/// A regex every match of which begins with one of its own leading words, none of them a
/// prefilter literal, gets a gate of its own: those words are its literals, so it is tried only
/// where one starts, and the gate `requires` the one of the rule's prefilter literals, so it
/// runs on the same texts as before.
struct PatternGate: Sendable {
    /// The rule's index.
    var rule: Int
    /// Those every match of which begins with a prefilter literal
    /// (`PCRE2Regex.leadingWords(of:)`), joined into as few regexes as can be
    /// (`PCRE2Regex.joined`) and compiled to try only where one starts.
    var anchored: [PCRE2Regex]
    /// The others, each searching the whole text.
    var search: [PCRE2Regex]
    /// Those every match of which begins where a run of digits begins, joined and compiled to
    /// try only there (`PCRE2Regex.startsAtNumber`).
    var atNumbers: [PCRE2Regex]
    /// Whether the gate has prefilter literals, so runs only where one occurs.
    var needsPrefilter: Bool
    /// Whether the rule's patterns need a link (`requires_link`), so run only on a text with a link anchor.
    var requiresLink: Bool
    /// The gate (of a lower index) one of whose literals must also occur in the text for this one to run.
    var requires: Int? = nil
}
