/// What an inbound text asks for.
public enum InboundIntent: String, Sendable, Equatable, CaseIterable {
    /// A reserved opt-out keyword alone: STOP, CANCEL, OPT OUT…
    case optOut = "opt-out"
    /// An opt-in keyword alone: START, YES, UNSTOP.
    case optIn = "opt-in"
    /// HELP or INFO alone.
    case help
    /// Free text that revokes consent ("please stop texting me"): opt out, and flag for staff.
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

    /// A classification.
    public init(intent: InboundIntent, trigger: String?) {
        self.intent = intent
        self.trigger = trigger
    }

    /// Whether consent ends with this text.
    public var revokesConsent: Bool { intent == .optOut || intent == .revocation }
}
