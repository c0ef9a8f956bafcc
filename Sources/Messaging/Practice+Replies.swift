import Foundation
import OptOut

/// Which automatic reply.
public enum ReplyKind: Sendable, Equatable {
    /// The opt-out confirmation.
    case optOut
    /// The opt-in confirmation.
    case optIn
    /// The help text.
    case help
}

extension Practice {
    /// Twilio's default keywords, which it answers and blocks itself (Advanced Opt-Out): a
    /// value for `providerKeywords`.
    public static let twilioKeywords: Set<String> = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "START",
                                                     "UNSTOP", "YES", "HELP", "INFO", "REVOKE", "OPTOUT"]

    /// The language a reply goes out in: the recipient's, else the language the patient's own
    /// text is recognisably in, else the practice's; each only when there are replies in it.
    public func replyLanguage(recipient: LanguageCode?, detected: LanguageCode?) -> LanguageCode {
        for candidate in [recipient, detected] {
            if let candidate, replies[candidate] != nil { return candidate }
        }
        return language
    }

    /// The reply of `kind` in `language` (else the practice's language, else English), filled in.
    public func reply(_ kind: ReplyKind, in language: LanguageCode) -> String {
        let texts = replies[language] ?? replies[self.language] ?? replies[.en] ?? .english
        switch kind {
        case .optOut: return fill(texts.optOut)
        case .optIn: return fill(texts.optIn)
        case .help: return fill(texts.help)
        }
    }

    /// Whether the provider already answered `body` (it was one of `providerKeywords` alone,
    /// case and surrounding white space aside, as providers match), so textgate must not confirm.
    public func providerAnswered(_ body: String) -> Bool {
        providerKeywords.contains(body.trimmingCharacters(in: .whitespacesAndNewlines).uppercased())
    }
}
