/// What an inbound text asks for.
public enum InboundIntent: String, Sendable, Equatable, CaseIterable {
    /// A reserved opt-out keyword alone: STOP, CANCEL, OPT OUT, ALTO, BAJA…
    case optOut = "opt-out"
    /// An opt-in keyword alone: START, YES, UNSTOP, INICIO.
    case optIn = "opt-in"
    /// A help keyword alone (HELP, INFO, AYUDA), or with polite words ("ayuda por favor").
    case help
    /// Free text that revokes consent ("please stop texting me", "ya no me manden mensajes",
    /// "Stop por favor"): opt out, and flag for staff.
    case revocation
    /// Anything else: an ordinary reply.
    case message
}

/// How an inbound text was classified, and why.
public struct InboundClassification: Sendable, Equatable {
    /// The intent.
    public var intent: InboundIntent
    /// The keyword (upper case, as listed) or the revoking phrase that decided it.
    public var trigger: String?
    /// The language the text is recognisably in (its marker words, else the language of its
    /// keyword or phrase), or nil when it cannot be told.
    public var language: LanguageCode?

    /// A classification.
    public init(intent: InboundIntent, trigger: String?, language: LanguageCode? = nil) {
        self.intent = intent
        self.trigger = trigger
        self.language = language
    }

    /// Whether consent ends with this text.
    public var revokesConsent: Bool { intent == .optOut || intent == .revocation }
}
