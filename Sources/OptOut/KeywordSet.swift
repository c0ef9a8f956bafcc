/// One language's keywords and revocation phrases, as its file in `keywords/` lists them.
/// Keywords are written as patients would (upper case, accents as in the language); they are
/// compared folded, so `SÍ`, `si` and `Sí!` are the same.
public struct KeywordSet: Sendable, Equatable {
    /// The language.
    public var language: LanguageCode
    /// Words that alone end texting: STOP, ALTO…
    public var optOut: [String]
    /// Words that alone opt back in: START, INICIO…
    public var optIn: [String]
    /// Words that alone ask for help: HELP, AYUDA…
    public var help: [String]
    /// Replies to an appointment reminder that confirm it: C, CONFIRM, SÍ…
    public var confirm: [String]
    /// Replies to an appointment reminder that ask to move it: R, CAMBIAR…
    public var reschedule: [String]
    /// Replies to an appointment reminder that cancel it; each is also an opt-out word.
    public var cancel: [String]
    /// Polite words around a keyword that keep it a revocation: "STOP please", "ALTO por favor".
    public var polite: [String]
    /// Common words of the language, to tell which language a text is in.
    public var markers: [String]
    /// Word classes the patterns name.
    public var classes: [String: [String]]
    /// Free-text revocation patterns.
    public var revocation: [PhrasePattern]

    /// A keyword set.
    public init(language: LanguageCode, optOut: [String], optIn: [String], help: [String], confirm: [String] = [],
                reschedule: [String] = [], cancel: [String] = [], polite: [String] = [], markers: [String] = [],
                classes: [String: [String]] = [:], revocation: [PhrasePattern] = []) {
        self.language = language; self.optOut = optOut; self.optIn = optIn; self.help = help
        self.confirm = confirm; self.reschedule = reschedule; self.cancel = cancel
        self.polite = polite; self.markers = markers; self.classes = classes; self.revocation = revocation
    }
}
