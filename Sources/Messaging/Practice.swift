/// The practice a server texts for: its name, numbers and the fixed reply texts.
public struct Practice: Sendable, Equatable {
    /// The practice's name, e.g. "Riverside Family Medicine".
    public var name: String
    /// The phone patients call, e.g. "(555) 010-2000".
    public var phone: String
    /// The default text number (E.164) messages are sent from.
    public var number: String
    /// Sender address of e-mail notifications.
    public var email: String
    /// Reply to an opt-out keyword: one confirmation, no marketing.
    public var optOutReply: String
    /// Reply to START.
    public var optInReply: String
    /// Reply to HELP: name, contact, how to opt out.
    public var helpReply: String

    /// A practice. Replies may use `{practice}`, `{phone}` and `{number}`.
    public init(name: String, phone: String, number: String, email: String,
                optOutReply: String = "{practice}: you are unsubscribed and will receive no more texts from this number. Reply START to resubscribe.",
                optInReply: String = "{practice}: you are subscribed to texts again. Msg & data rates may apply. Reply STOP to opt out, HELP for help.",
                helpReply: String = "{practice}: call us at {phone}. Appointment and care texts; frequency varies. Msg & data rates may apply. Reply STOP to opt out.") {
        self.name = name; self.phone = phone; self.number = number; self.email = email
        self.optOutReply = optOutReply; self.optInReply = optInReply; self.helpReply = helpReply
    }

    /// A reply with its placeholders filled in.
    public func fill(_ template: String) -> String {
        template.replacingOccurrences(of: "{practice}", with: name)
            .replacingOccurrences(of: "{phone}", with: phone)
            .replacingOccurrences(of: "{number}", with: number)
    }
}
