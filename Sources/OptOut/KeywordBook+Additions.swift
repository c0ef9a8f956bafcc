/// Keywords a practice's settings add for one language (`keywords: {es: {opt_out: [...]}}`).
/// Settings can only add: the built-in words stay.
public struct KeywordAdditions: Sendable, Equatable {
    /// Added opt-out words.
    public var optOut: [String]
    /// Added opt-in words.
    public var optIn: [String]
    /// Added help words.
    public var help: [String]

    /// Additions.
    public init(optOut: [String] = [], optIn: [String] = [], help: [String] = []) {
        self.optOut = optOut; self.optIn = optIn; self.help = help
    }
}

extension KeywordBook {
    /// This book with `additions` (by language), the `keywords` setting at `place`.
    /// - Throws: `KeywordError` when an added word is empty, or would do something else too:
    ///   an opt-in or help word that is an opt-out word or a reminder reply (a patient
    ///   confirming with SÍ would be opted in), or an opt-out word that opts in, asks for help
    ///   or answers a reminder.
    public func adding(_ additions: [LanguageCode: KeywordAdditions], place: String = "keywords") throws(KeywordError) -> KeywordBook {
        var sets = self.sets
        for (language, added) in additions.sorted(by: { $0.key < $1.key }) {
            for (intent, words) in [(InboundIntent.optOut, added.optOut), (.optIn, added.optIn), (.help, added.help)] {
                let key = "\(place).\(language).\(intent.settingKey)"
                for word in words {
                    let folded = MatchText.fold(word)
                    guard !folded.isEmpty else {
                        throw KeywordError(place: key, problem: "`\(word)` has no letters or digits", fix: "remove it")
                    }
                    if let reply = reminders[folded], intent != .optOut || reply.answer != .cancel {
                        throw KeywordError(place: key, problem: "`\(word)` is a reply to an appointment reminder (\(reply.answer.rawValue), \(reply.language)); a patient answering a reminder would be \(intent == .optOut ? "opted out" : intent == .optIn ? "opted in" : "sent a help text")",
                                           fix: "remove `\(word)` from \(key)")
                    }
                    if let entry = keywords[folded], entry.intent != intent {
                        throw KeywordError(place: key, problem: "`\(word)` is already an \(entry.intent.rawValue) keyword (\(entry.keyword), \(entry.language)) and cannot also be \(intent.rawValue)",
                                           fix: "remove `\(word)` from \(key)")
                    }
                }
            }
            sets.append(KeywordSet(language: language, optOut: added.optOut, optIn: added.optIn, help: added.help))
        }
        return try KeywordBook(sets: sets)
    }
}
