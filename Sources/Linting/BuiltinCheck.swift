import Rules

/// Checks the linter makes itself, beside the rules directory's rules.
public struct BuiltinCheck: Sendable, Equatable {
    /// The id findings carry.
    public var id: String
    /// The category.
    public var category: String
    /// The severity.
    public var severity: Severity
    /// What is wrong and what to do.
    public var message: String
    /// Why it matters.
    public var rationale: String

    /// A malformed `textgate-…` directive, or one against a rule that cannot be suppressed.
    public static let invalidSuppression = BuiltinCheck(
        id: "invalid-suppression", category: "suppression", severity: .error,
        message: "This suppression directive is malformed.",
        rationale: "A directive that cannot be read would silently let a finding through; it must be fixed, never ignored.")
    /// A directive that suppressed nothing.
    public static let unusedSuppression = BuiltinCheck(
        id: "unused-suppression", category: "suppression", severity: .warning,
        message: "This suppression suppresses nothing; remove it.",
        rationale: "Stale suppressions hide future findings on the same line or block.")
    /// An SMS template longer than one segment.
    public static let smsSegments = BuiltinCheck(
        id: "sms-segments", category: "sms-length", severity: .warning,
        message: "This SMS template needs more than one segment.",
        rationale: "Each segment is billed and delivered separately; long texts arrive split or out of order on some phones.")
    /// A template that does not render with the sample values.
    public static let templateRender = BuiltinCheck(
        id: "template-render", category: "template", severity: .error,
        message: "This template does not render as Mustache.",
        rationale: "A template that cannot be rendered cannot be sent.")

    /// A placeholder the sample values have no value for.
    public static let sampleMissing = BuiltinCheck(
        id: "sample-missing-value", category: "template", severity: .info,
        message: "The sample values give no value for this placeholder.",
        rationale: "A placeholder rendered without a value is not checked as the patient would read it.")
    /// All built-in checks.
    public static let all: [BuiltinCheck] = [invalidSuppression, unusedSuppression, smsSegments, templateRender, sampleMissing]

    /// A finding of this check at a template position.
    func finding(_ message: String, match: String, start: Int, end: Int, line: Int, column: Int,
                 endLine: Int, endColumn: Int, suggestion: String? = nil) -> Finding {
        Finding(rule: id, category: category, severity: severity, message: message, match: match, start: start,
                end: end, line: line, column: column, endLine: endLine, endColumn: endColumn, suggestion: suggestion)
    }
}
