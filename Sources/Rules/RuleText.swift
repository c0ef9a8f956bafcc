/// A rule's words for the person who reads a finding, in one language.
public struct RuleText: Sendable, Equatable {
    /// What is wrong and what to do instead.
    public var message: String
    /// A short fix hint, if the rule has one.
    public var suggestion: String?

    /// Words in one language.
    public init(message: String, suggestion: String?) {
        self.message = message
        self.suggestion = suggestion
    }
}
