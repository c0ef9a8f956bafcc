/// A language, by its ISO 639-1 code ("en", "es"): which keyword list matched, which reply a
/// patient gets. Open-ended, so settings can add keywords for another language.
public struct LanguageCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The lower-case primary code, e.g. `es`.
    public let rawValue: String

    /// A language from a code or a tag: `es`, `ES`, `es-MX` and `es_US` are all `es`; nil for
    /// anything that is not two or three ASCII letters before an optional region.
    public init?(rawValue: String) {
        let primary = rawValue.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.rawValue = primary.lowercased()
    }

    /// A language from a literal known to be valid.
    public init(stringLiteral value: String) {
        guard let code = LanguageCode(rawValue: value) else { preconditionFailure("`\(value)` is not a language code") }
        self = code
    }

    /// English.
    public static let en: LanguageCode = "en"
    /// Spanish.
    public static let es: LanguageCode = "es"

    /// The code.
    public var description: String { rawValue }

    /// Alphabetical by code.
    public static func < (a: LanguageCode, b: LanguageCode) -> Bool { a.rawValue < b.rawValue }
}
