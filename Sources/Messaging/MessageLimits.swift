import Matching

/// How long a text may be, per channel: past a limit a send or check is refused with
/// `message_too_long`, naming the limit and the size.
public struct MessageLimits: Sendable, Equatable {
    /// SMS: at most this many segments, counted with the text's real encoding (GSM-7 or UCS-2).
    public var smsSegments: Int
    /// A secure message's body, in Unicode scalars.
    public var secureCharacters: Int
    /// A text given to the check API, in Unicode scalars.
    public var checkCharacters: Int

    /// The defaults: 10 SMS segments, 20,000 characters for secure messages, 200,000 to check.
    public init(smsSegments: Int = 10, secureCharacters: Int = 20_000, checkCharacters: Int = 200_000) {
        self.smsSegments = smsSegments
        self.secureCharacters = secureCharacters
        self.checkCharacters = checkCharacters
    }

    /// Refuses `text` when it has more than `limit` Unicode scalars.
    /// - Throws: `SendError` `message_too_long`.
    public func requireWithin(_ text: String, limit: Int, what: String) throws(SendError) {
        let size = text.unicodeScalars.count
        guard size > limit else { return }
        throw SendError(.invalid, code: "message_too_long",
                        message: "\(what.prefix(1).uppercased() + what.dropFirst()) may have at most \(limit) characters; this one has \(size). Shorten it.",
                        details: .tooLong(.init(limit: limit, unit: "characters", size: size)))
    }

    /// Refuses an SMS body of more than `smsSegments` segments.
    /// - Throws: `SendError` `message_too_long`.
    public func requireSMSWithin(_ text: String) throws(SendError) {
        let encoding = SMSEncoding(analyzing: text)
        guard encoding.segments > smsSegments else { return }
        throw SendError(.invalid, code: "message_too_long",
                        message: "An SMS may be at most \(smsSegments) segments; this one needs \(encoding.segments) (\(encoding.charset.rawValue), length \(encoding.length)). Shorten it, or send it as a secure message.",
                        details: .tooLong(.init(limit: smsSegments, unit: "segments", size: encoding.segments,
                                                encoding: encoding.charset.rawValue)))
    }
}
