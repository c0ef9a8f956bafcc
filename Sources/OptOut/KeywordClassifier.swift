/// Classifies inbound texts the way carriers and the FCC expect, in every language of its
/// keyword book: a text that is just a keyword (case, accents, punctuation, `¡ ¿` and emoji
/// ignored) is that keyword; a keyword with only polite words around it ("Stop por favor"), or
/// as a sentence of its own ("ALTO. Gracias"), and free text that revokes consent by any
/// reasonable means are revocations; anything else is an ordinary message ("Stop by at 3?",
/// "alto el dolor hoy" and "¿Puedo cancelar mi cita?" are not opt-outs).
public struct KeywordClassifier: Sendable {
    /// The keywords it knows.
    public let book: KeywordBook

    /// A classifier over a keyword book, the built-in one by default.
    public init(book: KeywordBook = .builtin) { self.book = book }

    /// The classification of one inbound text.
    public func classify(_ body: String) -> InboundClassification {
        let text = MatchText(body)
        let words = text.words[...]
        guard !words.isEmpty else { return InboundClassification(intent: .message, trigger: nil) }
        if let entry = book.keyword(words) {
            return InboundClassification(intent: entry.intent, trigger: entry.keyword, language: entry.language)
        }
        let detected = book.language(of: text, raw: body)
        let stripped = book.classes.strippingPolite(words)
        if stripped.count < words.count, let entry = book.keyword(stripped), entry.intent != .optIn {
            return InboundClassification(intent: entry.intent == .help ? .help : .revocation, trigger: entry.keyword,
                                         language: detected ?? entry.language)
        }
        // An opt-out keyword as a sentence or phrase of its own ("Alto, ya no quiero nada",
        // "Wrong number. STOP"), or a few opt-out keywords alone ("STOP ALTO").
        for part in MatchText(body, breakingAtCommas: true).clauses {
            let core = book.classes.strippingPolite(part[...])
            let each = core.count <= 4 ? core.map { book.keyword([$0][...]) } : []
            if let entry = book.keyword(core) ?? (each.allSatisfy { $0?.intent == .optOut } ? each.first ?? nil : nil),
               entry.intent == .optOut {
                return InboundClassification(intent: .revocation, trigger: entry.keyword, language: detected ?? entry.language)
            }
        }
        for clause in text.clauses {
            for (language, pattern) in book.patterns {
                if let phrase = pattern.firstMatch(in: clause, classes: book.classes) {
                    return InboundClassification(intent: .revocation, trigger: phrase.joined(separator: " "),
                                                 language: detected ?? language)
                }
            }
        }
        return InboundClassification(intent: .message, trigger: nil, language: detected)
    }
}
