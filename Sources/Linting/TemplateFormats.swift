import Foundation
import Matching

/// The template formats `lint` reads and the placeholder syntaxes each reads by default.
public enum TemplateFormats {
    /// One format: its name, the files it is read from, and its default placeholder syntaxes.
    public struct Format: Sendable {
        /// The format's name.
        public var name: String
        /// Which files are read in it.
        public var files: String
        /// The placeholder syntaxes read unless configured otherwise.
        public var syntaxes: [PlaceholderSyntax]
    }

    /// Every format, in listing order.
    public static let all: [Format] = [
        Format(name: "text", files: "*.txt, one template a file", syntaxes: [.mustache]),
        Format(name: "mustache", files: "*.mustache, *.hbs (Handlebars helpers #if, #unless, #with)", syntaxes: [.mustache]),
        Format(name: "catalog", files: "*.yml, *.yaml, *.json: maps of names to texts, or --field paths", syntaxes: [.mustache]),
        Format(name: "rails", files: "*.yml, *.yaml whose only root key is a locale (en:, pt-BR:)", syntaxes: [.mustache, .rails]),
        Format(name: "arb", files: "*.arb (Flutter): ICU messages; @key metadata is skipped", syntaxes: arb),
        Format(name: "markdown", files: "*.md: the body, after any YAML front matter between --- lines", syntaxes: markdown),
        Format(name: "properties", files: "*.properties (UTF-8 or ISO-8859-1), one template a key", syntaxes: properties),
        Format(name: "i18next", files: "*.json (locales/LANG/*.json): keys_one, keys_other are plural forms; $t(key) nests another entry", syntaxes: [.mustache, .i18next]),
        Format(name: "gettext", files: "*.po (each msgstr, msgstr[n]), *.pot (each msgid); plus each entry's c-format, python-format, python-brace-format flags", syntaxes: [.mustache]),
        Format(name: "android", files: "values*/*.xml (Android resources): string, plurals items, string-array items", syntaxes: AndroidStrings.syntaxes),
        Format(name: "strings", files: "*.strings (Apple, UTF-8 or UTF-16): \"key\" = \"value\";", syntaxes: AppleStrings.syntaxes),
        Format(name: "xcstrings", files: "*.xcstrings (Xcode String Catalogs): each localization and variation", syntaxes: AppleStrings.syntaxes),
    ]

    /// The default syntaxes of Flutter ARB files: ICU `{name}`, `plural` and `select`.
    static let arb: [PlaceholderSyntax] = [.icu]
    /// The default syntaxes of Markdown templates: Notify `((name))`, and `{{name}}`.
    static let markdown: [PlaceholderSyntax] = [.mustache, .notify]
    /// The default syntaxes of Java `.properties` catalogs: MessageFormat `{0}` and `{name}`.
    static let properties: [PlaceholderSyntax] = [.mustache, .java, .icu]

    /// The listing `textgate lint --list-formats` prints.
    public static var listing: String {
        var out = "Formats (default placeholder syntaxes):\n"
        for f in all {
            out += "  \(f.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(f.files)\n"
            out += "  \(String(repeating: " ", count: 10)) placeholders: \(f.syntaxes.map(\.rawValue).joined(separator: ", "))\n"
        }
        out += "\nPlaceholder syntaxes (--placeholders SYNTAX,...):\n"
        for s in PlaceholderSyntax.allCases {
            out += "  \(s.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(s.example)\n"
        }
        out += "\nprintf and Python % forms are never a default in free text: \"20% off\" holds a valid conversion.\n"
        return out
    }
}
