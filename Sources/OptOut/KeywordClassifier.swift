/// Classifies inbound texts the way carriers and the FCC expect: a message that is just a
/// reserved keyword (case-insensitive, surrounding white space and trailing punctuation ignored)
/// is that keyword; free text that revokes consent by any reasonable means is a revocation;
/// anything else is an ordinary message ("Stop by at 3?" is not an opt-out).
public struct KeywordClassifier: Sendable {
    /// Opt-out keywords: the industry defaults and the FCC's list.
    public static let optOut = ["STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT", "OPT-OUT"]
    /// Opt-in keywords.
    public static let optIn = ["START", "YES", "UNSTOP"]
    /// Help keywords.
    public static let help = ["HELP", "INFO"]

    /// A classifier.
    public init() {}

    /// The classification of one inbound text.
    public func classify(_ body: String) -> InboundClassification {
        let keyword = KeywordClassifier.keywordForm(body)
        if KeywordClassifier.optOut.contains(keyword) { return .init(intent: .optOut, trigger: keyword) }
        if KeywordClassifier.optIn.contains(keyword) { return .init(intent: .optIn, trigger: keyword) }
        if KeywordClassifier.help.contains(keyword) { return .init(intent: .help, trigger: keyword) }
        if let phrase = RevocationPhrases.match(body) { return .init(intent: .revocation, trigger: phrase) }
        return .init(intent: .message, trigger: nil)
    }

    /// Upper case, trimmed, surrounding quotes and trailing punctuation removed, inner white
    /// space collapsed: "  stop! " is "STOP", "Opt   out." is "OPT OUT".
    static func keywordForm(_ body: String) -> String {
        let trimmed = body.unicodeScalars.split { $0.properties.isWhitespace }.map { String(String.UnicodeScalarView($0)) }
            .joined(separator: " ")
        var s = Substring(trimmed)
        let strip: Set<Character> = [".", "!", "?", ",", ";", ":", "\"", "'", "“", "”", "‘", "’", "(", ")"]
        while let last = s.last, strip.contains(last) { s = s.dropLast() }
        while let first = s.first, strip.contains(first) { s = s.dropFirst() }
        return s.trimmingWhitespace().uppercased()
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}
