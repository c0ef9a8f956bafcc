/// A free-text revocation pattern over the words of one clause, written in the keyword files as
/// a line of steps separated by spaces:
///
/// - `word` one word; `pre*` a word that starts with `pre`; `{class}` a word of a word class;
///   `a|b|{c}` any of them;
/// - a trailing `?` makes a step optional: `no me? {send_now}` matches "no manden" too;
/// - `..N` skips up to N words of the `filler` class ("the", "these", "los", "más"…);
/// - `~N` skips up to N words of any kind;
/// - `$` only polite words ("por favor", "please", "gracias") may follow.
///
/// "no me? {send_now} ..2 {messaging}" matches "ya no me envíen más mensajes" and not "no me
/// mandaron la receta".
public struct PhrasePattern: Sendable, Hashable {
    /// One way a word can match.
    public enum Atom: Sendable, Hashable {
        /// This word.
        case word(String)
        /// A word that starts with this.
        case prefix(String)
        /// A word of this class.
        case wordClass(String)
    }

    /// One step of a pattern.
    public enum Step: Sendable, Hashable {
        /// One word matching any of the atoms; optional steps may match none.
        case word([Atom], optional: Bool)
        /// Up to N filler words.
        case fillers(Int)
        /// Up to N words of any kind.
        case any(Int)
        /// The end of the clause, polite words aside.
        case end
    }

    /// The pattern as written.
    public let source: String
    /// Its steps.
    public let steps: [Step]

    /// A pattern from parsed steps.
    public init(source: String, steps: [Step]) {
        self.source = source
        self.steps = steps
    }
}
