import Foundation
import OptOut

/// The practice a server texts for: its name, numbers, language and the fixed reply texts.
public struct Practice: Sendable, Equatable {
    /// The practice's name, e.g. "Riverside Family Medicine".
    public var name: String
    /// The phone patients call, e.g. "(201) 555-0100".
    public var phone: String
    /// The default text number (E.164) messages are sent from.
    public var number: String
    /// Sender address of e-mail notifications.
    public var email: String
    /// The language the practice texts in: replies fall back to it.
    public var language: LanguageCode
    /// The STOP, START and HELP confirmations by language; English and Spanish are shipped.
    public var replies: [LanguageCode: ReplyTexts]
    /// Keywords the provider answers and blocks on its own (`provider.handles_keywords`, upper
    /// case): textgate records the consent change but sends no second confirmation.
    public var providerKeywords: Set<String>
    /// The practice's IANA time zone (`practice.time_zone`, UTC unless set): quiet hours and the
    /// times shown to patients are in it when the recipient has none.
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!

    /// A practice. Replies may use `{practice}`, `{phone}` and `{number}`.
    public init(name: String, phone: String, number: String, email: String,
                optOutReply: String = ReplyTexts.english.optOut, optInReply: String = ReplyTexts.english.optIn,
                helpReply: String = ReplyTexts.english.help, language: LanguageCode = .en,
                providerKeywords: Set<String> = []) {
        self.name = name; self.phone = phone; self.number = number; self.email = email
        self.language = language
        self.replies = [.en: ReplyTexts(optOut: optOutReply, optIn: optInReply, help: helpReply), .es: .spanish]
        self.providerKeywords = Set(providerKeywords.map { $0.uppercased() })
    }

    /// The English reply to an opt-out (the `replies.opt_out` setting): one confirmation, no marketing.
    public var optOutReply: String {
        get { replies[.en, default: .english].optOut }
        set { replies[.en, default: .english].optOut = newValue }
    }
    /// The English reply to START.
    public var optInReply: String {
        get { replies[.en, default: .english].optIn }
        set { replies[.en, default: .english].optIn = newValue }
    }
    /// The English reply to HELP: name, contact, how to opt out.
    public var helpReply: String {
        get { replies[.en, default: .english].help }
        set { replies[.en, default: .english].help = newValue }
    }

    /// A reply with its placeholders filled in.
    public func fill(_ template: String) -> String {
        template.replacingOccurrences(of: "{practice}", with: name)
            .replacingOccurrences(of: "{phone}", with: phone)
            .replacingOccurrences(of: "{number}", with: number)
    }
}
