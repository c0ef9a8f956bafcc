/// Every language's keywords, checked and indexed for classifying: the built-in sets compiled
/// from `keywords/*.yml`, plus what settings add.
public struct KeywordBook: Sendable, Equatable {
    /// A listed keyword and what it does.
    public struct Entry: Sendable, Equatable {
        /// What the keyword alone asks for: opt-out, opt-in or help.
        public var intent: InboundIntent
        /// The keyword as listed, in upper case: `ALTO`, `OPT OUT`.
        public var keyword: String
        /// The language that lists it.
        public var language: LanguageCode
    }

    /// The sets, in order; the first to list a keyword names its language.
    public let sets: [KeywordSet]
    /// Folded keyword to its entry.
    let keywords: [String: Entry]
    /// Folded opt-out and help keywords with repeated letters collapsed ("stooop" is "stop").
    let collapsed: [String: Entry]
    /// Folded reminder reply to its answer.
    let reminders: [String: ReminderReply]
    /// Word classes of every language.
    let classes: WordClasses
    /// Every revocation pattern with its language.
    let patterns: [(language: LanguageCode, pattern: PhrasePattern)]
    /// Folded marker word to the languages it marks.
    let markers: [String: Set<LanguageCode>]

    /// A book of `sets`.
    /// - Throws: `KeywordError` when a word would do two conflicting things (opt out and opt in,
    ///   opt out and confirm an appointment…), a cancel reply is not an opt-out word, or a
    ///   pattern names a word class no set defines.
    public init(sets: [KeywordSet]) throws(KeywordError) {
        self.sets = sets
        var keywords: [String: Entry] = [:]
        var reminders: [String: ReminderReply] = [:]
        for set in sets {
            for (intent, list) in [(InboundIntent.optOut, set.optOut), (.optIn, set.optIn), (.help, set.help)] {
                for word in list {
                    let key = MatchText.fold(word)
                    guard !key.isEmpty else {
                        throw KeywordError(place: set.place(intent.settingKey), problem: "`\(word)` has no letters or digits",
                                           fix: "remove it")
                    }
                    if let other = keywords[key], other.intent != intent {
                        throw KeywordError(place: set.place(intent.settingKey),
                                           problem: "`\(word)` is already an \(other.intent.rawValue) keyword (\(other.keyword), \(other.language))",
                                           fix: "a word can do only one of opt-out, opt-in and help; remove it from one list")
                    }
                    if keywords[key] == nil { keywords[key] = Entry(intent: intent, keyword: word.uppercased(), language: set.language) }
                }
            }
            for (answer, list) in [(ReminderReply.Answer.confirm, set.confirm), (.reschedule, set.reschedule), (.cancel, set.cancel)] {
                for word in list {
                    let key = MatchText.fold(word)
                    if let other = reminders[key], other.answer != answer {
                        throw KeywordError(place: set.place("reminder.\(answer.rawValue)"),
                                           problem: "`\(word)` is already a reminder reply that means \(other.answer.rawValue)",
                                           fix: "remove it from one list")
                    }
                    if reminders[key] == nil { reminders[key] = ReminderReply(answer: answer, keyword: word.uppercased(), language: set.language) }
                }
            }
        }
        for (key, reply) in reminders {
            let entry = keywords[key]
            switch (reply.answer, entry?.intent) {
            case (.cancel, .optOut?), (.confirm, nil), (.confirm, .optIn?), (.reschedule, nil):
                continue
            case (.cancel, _):
                throw KeywordError(place: "keywords/\(reply.language).yml reminder.cancel",
                                   problem: "`\(reply.keyword)` cancels an appointment but is not an opt-out keyword",
                                   fix: "a cancel reply also ends texting, as CANCEL does; add it to opt_out or remove it")
            default:
                throw KeywordError(place: "keywords/\(reply.language).yml reminder.\(reply.answer.rawValue)",
                                   problem: "`\(reply.keyword)` answers a reminder but is also an \(entry!.intent.rawValue) keyword",
                                   fix: "a patient answering a reminder must not opt out or get a help text; remove it from one list")
            }
        }
        self.keywords = keywords
        self.reminders = reminders
        var collapsed: [String: Entry] = [:]
        for (key, entry) in keywords where entry.intent != .optIn { collapsed[Self.collapsingRuns(key)] = collapsed[Self.collapsingRuns(key)] ?? entry }
        self.collapsed = collapsed
        self.classes = WordClasses(sets)
        var patterns: [(LanguageCode, PhrasePattern)] = []
        var markers: [String: Set<LanguageCode>] = [:]
        for set in sets {
            for (i, pattern) in set.revocation.enumerated() {
                for name in pattern.classNames.sorted() where classes.members[name] == nil {
                    throw KeywordError(place: set.place("revocation[\(i)]"), problem: "the pattern `\(pattern.source)` names the class `{\(name)}`, which no language defines",
                                       fix: "define `\(name)` under `classes`, or use one of \(classes.members.keys.sorted().joined(separator: ", "))")
                }
                patterns.append((set.language, pattern))
            }
            for word in set.markers { markers[MatchText.fold(word), default: []].insert(set.language) }
        }
        self.patterns = patterns
        self.markers = markers
    }

    /// The built-in keywords of every language, compiled from `keywords/*.yml`.
    public static let builtin: KeywordBook = {
        do { return try KeywordBook(sets: BuiltinKeywords.sets) } catch {
            preconditionFailure("the built-in keywords are inconsistent: \(error); fix keywords/ and run `make generate`")
        }
    }()

    /// Books are equal when their sets are.
    public static func == (a: KeywordBook, b: KeywordBook) -> Bool { a.sets == b.sets }
}

extension KeywordSet {
    /// Where a key of this set is written.
    func place(_ key: String) -> String { "keywords/\(language).yml \(key)" }
}

extension InboundIntent {
    /// The key of the keyword list of this intent in files and settings.
    var settingKey: String { String(rawValue.map { $0 == "-" ? "_" : $0 }) }
}
