/// One rule, as written in its file: what it catches, why, and the examples that prove it.
public struct Rule: Sendable, Equatable {
    /// The file name without `.yml`.
    public var id: String
    /// Where the rule was read from.
    public var source: SourceLocation
    /// A kebab-case group, such as `cannabis` or `url-shortener`.
    public var category: String
    /// How serious a finding of this rule is.
    public var severity: Severity
    /// What is wrong and what to do instead.
    public var message: String
    /// The carrier or regulatory reason for the rule.
    public var rationale: String
    /// A short fix hint, if the rule has one.
    public var suggestion: String?
    /// Whether template authors may suppress the rule.
    public var suppressible: Bool
    /// What the rule matches, with its settings.
    public var kind: RuleKind
    /// The languages each term, exception or `near` word is listed under, keyed by the term as
    /// written; empty when the rule lists its terms without languages.
    public var termLanguages: [String: [String]]
    /// Messages the rule must flag.
    public var flagExamples: [Example]
    /// Messages the rule must not flag.
    public var passExamples: [Example]
    /// The message and suggestion in other languages, by language code (`es`).
    public var translations: [String: RuleText] = [:]
}

/// A message from a rule's `examples`, with where it is written.
public struct Example: Sendable, Equatable {
    /// The example text.
    public var text: String
    /// Its position in the rule file.
    public var location: SourceLocation
}

/// A place in a rule file: path, 1-based line and column.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file's path as the directory walk found it.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// A location.
    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col`.
    public var description: String { "\(path):\(line):\(column)" }
}

/// What a rule matches.
public enum RuleKind: Sendable, Equatable {
    /// Words and phrases on word boundaries, after normalisation.
    case terms(terms: [String], exceptions: [String])
    /// PCRE2 regexes, each run only when one of its prefilter literals occurs (or always, with
    /// none): its own, the list of `patternPrefilters` at its index when that is not empty,
    /// else the rule's `prefilter`. With `requiresLink`, only on a text where a link can hang
    /// (`ByteCounts.linkAnchors`): `://`, or a `.` between two host-name characters.
    case pattern(patterns: [String], prefilter: [String], patternPrefilters: [[String]], requiresLink: Bool)
    /// Links whose host is one of these domains or a subdomain.
    case linkDomains(domains: [String])
    /// Links whose host is not on the allowed domains (settings plus `allow`).
    case linkPolicy(allow: [String])
    /// Too large a share of capitals among counted letters.
    case capsRatio(maxRatio: Double, minLetters: Int, allow: [String])
    /// A term of `first` within `within` words of a term of `second`.
    case near(first: [String], second: [String], within: Int, exceptions: [String])
    /// A text whose score under a linear model of words (`ContentModel`) is above its threshold.
    case model(ContentModel)

    /// The kind's name as written in rule files.
    public var name: String {
        switch self {
        case .terms: return "terms"
        case .pattern: return "pattern"
        case .linkDomains: return "link-domains"
        case .linkPolicy: return "link-policy"
        case .capsRatio: return "caps-ratio"
        case .near: return "near"
        case .model: return "model"
        }
    }
}

/// Policy values shared by all rules of a directory, from its `textgate.yml`.
public struct RuleSettings: Sendable, Equatable {
    /// The practice's own domains; a link elsewhere triggers `link-policy` rules.
    public var allowedLinkDomains: [String]
    /// Where the rules' reference pages live (`help_base_url`), if the ruleset names it.
    public var helpBaseURL: String?

    /// Settings with these allowed domains.
    public init(allowedLinkDomains: [String] = [], helpBaseURL: String? = nil) {
        self.allowedLinkDomains = allowedLinkDomains
        self.helpBaseURL = helpBaseURL
    }
}
