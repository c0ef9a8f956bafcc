/// What the checker sees in a message: its links and its SMS encoding.
public struct MessageInspection: Sendable, Equatable {
    /// A link, located in Unicode scalars of the original message.
    public struct Link: Sendable, Equatable {
        /// The link as written.
        public var text: String
        /// The link with a scheme (`https://` added when none was written).
        public var url: String
        /// The canonical host.
        public var host: String
        /// Start offset in Unicode scalars.
        public var start: Int
        /// End offset (exclusive) in Unicode scalars.
        public var end: Int
    }

    /// Links in order.
    public var links: [Link]
    /// GSM-7 or UCS-2, segments, length and the characters that force UCS-2.
    public var encoding: SMSEncoding

    /// Inspects `text`.
    public init(_ text: String, extractor: LinkExtractor = LinkExtractor()) {
        encoding = SMSEncoding(analyzing: text)
        var found: [Link] = []
        let scalars = Array(text.unicodeScalars)
        func link(_ m: LinkMatch, _ range: Range<Int>) -> Link {
            let written = String(String.UnicodeScalarView(scalars[range]))
            return Link(text: written, url: m.hasScheme ? written : "https://" + written, host: m.host,
                        start: range.lowerBound, end: range.upperBound)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for m in extractor.links(in: text) { found.append(link(m, m.range)) }
        } else {
            let normalized = NormalizedText(text)
            normalized.bytes.withUnsafeBufferPointer { view in
                for m in extractor.links(in: view) { found.append(link(m, normalized.originalScalars(m.range))) }
            }
        }
        links = found
    }
}
