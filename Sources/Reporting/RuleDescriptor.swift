import Rules

/// What reporters say about a rule: the rules directory's rules and the linter's own checks alike.
public struct RuleDescriptor: Sendable, Equatable {
    /// The id findings carry.
    public var id: String
    /// The category.
    public var category: String
    /// The default severity.
    public var severity: Severity
    /// What is wrong and what to do.
    public var message: String
    /// Why it matters.
    public var rationale: String
    /// A short fix hint.
    public var suggestion: String?
    /// The kind (`terms`, `pattern`, ... or `builtin`).
    public var kind: String

    /// A descriptor.
    public init(id: String, category: String, severity: Severity, message: String, rationale: String,
                suggestion: String? = nil, kind: String) {
        self.id = id
        self.category = category
        self.severity = severity
        self.message = message
        self.rationale = rationale
        self.suggestion = suggestion
        self.kind = kind
    }

    /// A rule file's descriptor.
    public init(_ rule: Rule) {
        self.init(id: rule.id, category: rule.category, severity: rule.severity, message: rule.message,
                  rationale: rule.rationale, suggestion: rule.suggestion, kind: rule.kind.name)
    }
}
