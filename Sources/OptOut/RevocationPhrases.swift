/// Free-text ways patients revoke consent. The FCC's 2024 rule: consent can be revoked by any
/// reasonable means, so "please stop texting me" must end texting as surely as STOP does.
enum RevocationPhrases {
    /// Words that name texting or contacting.
    static let messaging: Set<String> = [
        "text", "texts", "texting", "txt", "txts", "txting", "message", "messages", "messaging", "msg", "msgs",
        "sms", "send", "sending", "contact", "contacting", "notifications", "reminders",
    ]

    /// The phrase that revokes consent, or nil.
    static func match(_ body: String) -> String? {
        let words = body.lowercased()
            .replacingAll(["’": "'", "‘": "'"])
            .split { !($0.isLetter || $0 == "'") }
            .map { String($0) }
        guard !words.isEmpty else { return nil }
        func phrase(_ range: Range<Int>) -> String { words[range].joined(separator: " ") }
        for i in words.indices {
            let w = words[i]
            let next = Array(words[(i + 1)..<min(words.count, i + 5)])
            // "stop texting me", "please stop sending messages", "stop contacting me"
            if w == "stop" || w == "quit" || w == "cease", let j = next.firstIndex(where: messaging.contains), j <= 2 {
                return phrase(i..<(i + j + 2))
            }
            // "don't text me", "do not contact me", "dont send me these"
            if ["don't", "dont", "never"].contains(w) || (w == "not" && i > 0 && words[i - 1] == "do") {
                if let j = next.firstIndex(where: messaging.contains), j <= 1 { return phrase(i..<(i + j + 2)) }
            }
            // "no more texts", "no more reminders"
            if w == "no", next.first == "more", next.count > 1, messaging.contains(next[1]) { return phrase(i..<(i + 3)) }
            // "take me off your list", "remove me from your list", "unsubscribe me", "opt me out"
            if (w == "take" || w == "remove" || w == "delete") && next.first == "me" { return phrase(i..<min(words.count, i + 4)) }
            if w == "unsubscribe" || w == "optout" { return phrase(i..<min(words.count, i + 2)) }
            if w == "opt" && (next.first == "out" || (next.first == "me" && next.dropFirst().first == "out")) {
                return phrase(i..<min(words.count, i + 3))
            }
            // "I don't want these texts", "I do not want any more messages"
            if w == "want", i > 0, ["don't", "dont", "not"].contains(words[i - 1]),
               let j = next.firstIndex(where: messaging.contains), j <= 3 {
                return phrase((i - 1)..<(i + j + 2))
            }
        }
        return nil
    }
}

extension String {
    func replacingAll(_ pairs: [Character: Character]) -> String {
        String(map { pairs[$0] ?? $0 })
    }
}
