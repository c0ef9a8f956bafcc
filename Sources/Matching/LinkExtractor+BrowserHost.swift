import Foundation

extension LinkExtractor {
    /// The host a browser opens for `link`, found in `normalized`, the normalised form of
    /// `original` (UTF-8). The link's `host` comes from the folded text, where look-alike letters
    /// and marked letters read as Latin (`bіt.ly` with a Cyrillic і reads bit.ly); a browser
    /// maps the host as UTS #46 does instead (NFKC, case folding, invisible characters dropped,
    /// dot variants read as dots), so such a host opens another site.
    public func browserHost(of link: LinkMatch, in normalized: NormalizedText, original: UnsafeBufferPointer<UInt8>) -> String {
        let scalars = normalized.originalScalars(link.hostRange)
        let from = Int(normalized.originalByteOffset[scalars.lowerBound])
        let to = Int(normalized.originalByteOffset[scalars.upperBound])
        return LinkExtractor.browserHost(written: UnsafeBufferPointer(rebasing: original[from..<to]))
    }

    /// The host a browser opens for a host as written: percent-decoded, then mapped as UTS #46
    /// maps it, in canonical form.
    static func browserHost(written: UnsafeBufferPointer<UInt8>) -> String {
        let decoded = LinkSyntax.percentDecoded(written) ?? String(decoding: written, as: UTF8.self)
        var visible = String.UnicodeScalarView()
        for s in decoded.unicodeScalars where !s.properties.isDefaultIgnorableCodePoint { visible.append(s) }
        let mapped = String(visible).precomposedStringWithCompatibilityMapping.lowercased()
        return HostName.canonical(Substring(mapped))
    }
}
