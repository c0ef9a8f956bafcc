/// Incoming text as it is stored and classified. An inbound text is never refused for its
/// content (a STOP must not be lost to a stray byte): line ends become LF, other control
/// characters are removed, tabs become spaces, and invalid UTF-8 becomes U+FFFD.
public enum InboundText {
    /// The cleaned text of raw bytes, and whether anything beyond line ends and tabs had to be
    /// changed (invalid UTF-8 replaced, control characters removed): such a record is marked
    /// as repaired.
    public static func clean(bytes: some Collection<UInt8>) -> (text: String, repaired: Bool) {
        let decoded = String(decoding: bytes, as: UTF8.self)
        var repaired = !decoded.utf8.elementsEqual(bytes)
        let (text, removed) = clean(decoded)
        repaired = repaired || removed
        return (text, repaired)
    }

    /// The cleaned form of an already decoded text, and whether control characters were removed.
    public static func clean(_ text: String) -> (text: String, removedControls: Bool) {
        var out = String.UnicodeScalarView()
        var removed = false
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\r": out.append("\n")
            case "\n": if !previousCR { out.append("\n") }
            case "\t": out.append(" ")
            case _ where scalar.properties.generalCategory == .control: removed = true
            default: out.append(scalar)
            }
        }
        return (String(out), removed)
    }
}
