import Crypto
import Foundation

/// A change to the rules a configuration makes: turn a rule (or every rule of a category) off,
/// or give it another severity.
public struct Override: Sendable, Equatable, CustomStringConvertible {
    /// A rule id or a category.
    public var target: String
    /// `false` turns the rules off; nil leaves them as they are.
    public var enabled: Bool?
    /// The severity findings of the rules get; nil leaves it as it is.
    public var severity: Severity?
    /// Where the override is written, as `path:line:col`.
    public var origin: SourceLocation

    /// An override.
    public init(target: String, enabled: Bool? = nil, severity: Severity? = nil, origin: SourceLocation) {
        self.target = target
        self.enabled = enabled
        self.severity = severity
        self.origin = origin
    }

    /// `ID: enabled false` or `ID: severity warning`.
    public var description: String {
        var parts: [String] = []
        if let enabled { parts.append("enabled \(enabled)") }
        if let severity { parts.append("severity \(severity.rawValue)") }
        return "\(target): \(parts.joined(separator: ", "))"
    }
}

extension RuleDirectory {
    /// The rules with `overrides` applied in order, the last one winning; the version then also
    /// covers the overrides.
    ///
    /// - Throws: `RulesError.invalid` naming each override that matches no rule or category, and
    ///   each that disables or lowers a rule marked `suppressible: false`.
    public func applying(_ overrides: [Override]) throws(RulesError) -> RuleDirectory {
        guard !overrides.isEmpty else { return self }
        var rules = self.rules
        var disabled: Set<String> = []
        var problems: [RuleDiagnostic] = []
        let names = Array(Set(rules.map(\.id) + rules.map(\.category))).sorted()
        for o in overrides {
            let matching = rules.indices.filter { rules[$0].id == o.target || rules[$0].category == o.target }
            if matching.isEmpty {
                problems.append(RuleDiagnostic(o.origin, "no rule or category `\(o.target)` to override\(KeySuggestion.hint(for: o.target, in: names)); `textgate rules list` shows the ids and categories"))
                continue
            }
            for i in matching {
                let rule = rules[i]
                let lowers = o.enabled == false || (o.severity.map { $0 < rule.severity } ?? false)
                if lowers && !rule.suppressible {
                    problems.append(RuleDiagnostic(o.origin, "rule `\(rule.id)` is marked `suppressible: false` (\(rule.source.path)); it cannot be turned off or given a lower severity; remove this override"))
                    continue
                }
                if let enabled = o.enabled {
                    if enabled { disabled.remove(rule.id) } else { disabled.insert(rule.id) }
                }
                if let severity = o.severity { rules[i].severity = severity }
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        var hasher = SHA256()
        hasher.update(data: Data(version.utf8))
        for o in overrides { hasher.update(data: Data("\n\(o.description)".utf8)) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        var result = self
        result.rules = rules.filter { !disabled.contains($0.id) }
        result.version = String(digest.prefix(16))
        result.overrides = self.overrides + overrides
        return result
    }
}
