/// Keywords that cannot be used: a pattern that does not parse, a keyword that would opt in a
/// patient who meant to confirm an appointment, a setting of the wrong shape.
public struct KeywordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where: a setting path (`keywords.es.opt_in`) or a file and key.
    public var place: String
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// An error.
    public init(place: String, problem: String, fix: String) {
        self.place = place; self.problem = problem; self.fix = fix
    }

    /// `place: problem; fix`.
    public var description: String { "\(place): \(problem); \(fix)" }
}
