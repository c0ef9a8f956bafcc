// Host name normalisation for comparison and DNS (IDNA label forms).

/// Conversions between the Unicode and ASCII (`xn--`) forms of a host name.
public enum HostName {
    /// Longest DNS label in octets (RFC 1035).
    static let maxLabelLength = 63
    /// Longest host name in octets, without a trailing dot (RFC 1035).
    static let maxHostLength = 253

    /// Canonical comparison form: lowercase, trailing dot removed, each `xn--` label decoded to Unicode (labels that fail to decode stay as they are).
    /// Ideographic and full-width full stops (U+3002, U+FF0E, U+FF61) are treated as label separators, as in UTS #46.
    public static func canonical(_ host: Substring) -> String {
        // Plain ASCII with no `xn--` label: lowercased, one trailing dot dropped, in one pass.
        var bytes = host.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        if bytes.allSatisfy({ $0 < 0x80 }) && !hasPunycodeLabel(bytes) {
            if bytes.last == 0x2E { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        var labels = split(host)
        for index in labels.indices {
            let label = labels[index]
            guard label.hasPrefix("xn--"), label.utf8.count <= maxLabelLength else { continue }
            // Only accept decodings that yield a real IDN (some non-ASCII); "xn--abc-" stays literal.
            if let decoded = Punycode.decode(label.dropFirst(4)),
               decoded.unicodeScalars.contains(where: { !$0.isASCII }) {
                labels[index] = lowercase(Substring(decoded))
            }
        }
        return labels.joined(separator: ".")
    }

    /// Whether a label of lowercase `host` starts with `xn--`.
    private static func hasPunycodeLabel(_ host: [UInt8]) -> Bool {
        var i = 0
        while i + 4 <= host.count {
            if host[i] == 0x78, host[i + 1] == 0x6E, host[i + 2] == 0x2D, host[i + 3] == 0x2D { return true }
            // On to the next label.
            while i < host.count && host[i] != 0x2E { i += 1 }
            i += 1
        }
        return false
    }

    /// ASCII (punycode) form of a host: non-ASCII labels encoded with `xn--`.
    /// The result is lowercase without a trailing dot.
    /// - Returns: nil when the host is empty, has an empty label, or exceeds DNS length limits.
    public static func ascii(_ host: Substring) -> String? {
        let labels = split(host)
        var encoded: [String] = []
        encoded.reserveCapacity(labels.count)
        for label in labels {
            guard !label.isEmpty else { return nil }
            var ascii = label
            if label.unicodeScalars.contains(where: { !$0.isASCII }) {
                guard let punycode = Punycode.encode(Substring(label)) else { return nil }
                ascii = "xn--" + punycode
            }
            guard ascii.utf8.count <= maxLabelLength else { return nil }
            encoded.append(ascii)
        }
        let result = encoded.joined(separator: ".")
        return result.utf8.count <= maxHostLength ? result : nil
    }

    /// Splits `host` into lowercase labels, dropping one trailing dot.
    private static func split(_ host: Substring) -> [String] {
        var labels: [String] = []
        var current = ""
        for scalar in host.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x3002, 0xFF0E, 0xFF61:
                labels.append(lowercase(Substring(current)))
                current = ""
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        labels.append(lowercase(Substring(current)))
        if labels.count > 1, labels[labels.count - 1].isEmpty { labels.removeLast() }
        return labels
    }

    /// Lowercases a label, with a fast path for ASCII.
    private static func lowercase(_ label: Substring) -> String {
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: label.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return label.lowercased()
    }
}
